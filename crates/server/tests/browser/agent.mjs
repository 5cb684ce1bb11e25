// A scripted agent in headless Chromium: signs in, creates a délibérations dataset from the
// SCDL template, uploads a file, reads the report, publishes, finds the dataset by
// searching "deliberation", then runs axe-core on the main pages. Exits 1 on any failure
// or on a serious or critical accessibility violation.
//
// Environment: SOCLE_BASE_URL, SOCLE_CHROMIUM (browser executable), SOCLE_NODE_MODULES
// (folder with playwright-core and axe-core), SOCLE_UPLOAD (file to upload),
// SOCLE_EMAIL and SOCLE_PASSWORD (an editor's account).
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(process.env.SOCLE_NODE_MODULES + "/");
const { chromium } = require("playwright-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const base = process.env.SOCLE_BASE_URL;
const step = (text) => console.log(`step: ${text}`);

function fail(message) {
  throw new Error(message);
}

async function publishFlow(page) {
  step("sign in");
  await page.goto(`${base}/connexion`);
  await page.fill("#email", process.env.SOCLE_EMAIL);
  await page.fill("#password", process.env.SOCLE_PASSWORD);
  await Promise.all([page.waitForURL(`${base}/espace`), page.click("form.form button[type=submit]")]);

  step("create a dataset from the délibérations template");
  await page.goto(`${base}/jeux-de-donnees/nouveau`);
  await page.selectOption("#modele", "deliberations");
  await Promise.all([page.waitForURL(/modele=deliberations/), page.click("form.template-form button[type=submit]")]);
  const title = await page.inputValue("#title");
  if (!title) fail("the template did not fill the title");
  if ((await page.inputValue("#frequency")) !== "MONTHLY") fail("the template did not set the frequency");
  await Promise.all([page.waitForURL(/\/ajouter$/), page.click("form[action='/jeux-de-donnees/nouveau'][method=post] button[type=submit]")]);

  step("upload the file");
  await page.setInputFiles("#file", process.env.SOCLE_UPLOAD);
  await Promise.all([page.waitForURL(/\/ressources\/[0-9a-f-]{36}$/, { timeout: 60000 }), page.click("#upload-form button[type=submit]")]);
  const reportUrl = page.url();

  step("read the report");
  for (let attempt = 0; attempt < 60; attempt += 1) {
    const done = await page.locator(".status-valid, .status-invalid, .status-failed").count();
    if (done > 0) break;
    await page.waitForTimeout(500);
    await page.goto(reportUrl);
  }
  const status = await page.textContent(".report-status");
  console.log(`report status: ${status.trim()}`);
  if (!(await page.textContent("h1")).includes("Rapport de validation")) fail("no report heading");

  step("publish");
  await Promise.all([page.waitForURL(/\/jeux-de-donnees\/[^/]+$/), page.click("button[name=action][value=publish]")]);
  const datasetUrl = page.url();

  step("find the dataset by searching deliberation");
  await page.goto(`${base}/`);
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute("href"));
  if (focused !== "#contenu") fail(`first Tab stop is ${focused}, not the skip link`);
  await page.fill("#q", "deliberation");
  await Promise.all([page.waitForURL(/\/recherche\?q=deliberation/), page.press("#q", "Enter")]);
  const found = await page.locator(`.card-title a[href='${new URL(datasetUrl).pathname}']`).count();
  if (found !== 1) fail("the published dataset was not found by searching deliberation");
  return { datasetUrl, reportUrl };
}

async function accessibility(browser, urls, storageState) {
  // axe is injected as a script, which the platform's Content-Security-Policy forbids, so
  // this context alone bypasses CSP.
  const context = await browser.newContext({ bypassCSP: true, storageState });
  const page = await context.newPage();
  const problems = [];
  for (const url of urls) {
    await page.goto(url);
    await page.addScriptTag({ content: axeSource });
    const results = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
    for (const violation of results.violations) {
      if (violation.impact === "serious" || violation.impact === "critical") {
        problems.push({ url, id: violation.id, impact: violation.impact, nodes: violation.nodes.map((node) => node.target.join(" ")).slice(0, 5) });
      }
    }
    const summary = results.violations.map((violation) => `${violation.id} (${violation.impact})`).join(", ");
    console.log(`axe: ${url}: ${results.violations.length} violation(s) of any impact ${summary}`);
  }
  await context.close();
  return problems;
}

const browser = await chromium.launch({ executablePath: process.env.SOCLE_CHROMIUM, args: ["--no-sandbox"] });
let exitCode = 0;
try {
  const context = await browser.newContext({ locale: "fr-FR" });
  const page = await context.newPage();
  const cspViolations = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  const { datasetUrl, reportUrl } = await publishFlow(page);
  if (cspViolations.length > 0) fail(`pages broke their own CSP: ${cspViolations.join(" | ")}`);
  const storageState = await context.storageState();
  const slug = new URL(datasetUrl).pathname.split("/").pop();
  const urls = [
    `${base}/`,
    `${base}/recherche?q=deliberation`,
    datasetUrl,
    reportUrl,
    `${base}/organisations`,
    `${base}/jeux-de-donnees/nouveau?modele=deliberations`,
    `${base}/jeux-de-donnees/${slug}/ajouter`,
    `${base}/espace`,
  ];
  const problems = await accessibility(browser, urls, storageState);
  const anonymous = await accessibility(browser, [`${base}/connexion`], undefined);
  const all = problems.concat(anonymous);
  if (all.length > 0) {
    console.log(JSON.stringify(all, null, 2));
    fail(`${all.length} serious or critical accessibility violation(s)`);
  }
  console.log("browser agent: all steps passed");
} catch (error) {
  console.error(`browser agent failed: ${error.message}`);
  exitCode = 1;
} finally {
  await browser.close();
}
process.exit(exitCode);
