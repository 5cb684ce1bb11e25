//! A synthetic TOTEM document of any size, produced on the fly as a reader, for the benchmark
//! and the bounded-memory test. Lines cycle through real accounts of the M14_COM_500_3500
//! plan de comptes (2022), with and without `ContNat`, real and ordre operations.

use std::io::{self, Read};

const HEADER: &str = r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<DocumentBudgetaire xmlns="http://www.minefi.gouv.fr/cp/demat/docbudgetaire">
   <VersionSchema V="100"/>
   <EnTeteDocBudgetaire>
      <LibelleColl V="COMMUNE SYNTHETIQUE"/>
      <IdColl V="21560046100010"/>
   </EnTeteDocBudgetaire>
   <Budget>
      <EnTeteBudget>
         <LibelleEtab V="BUDGET PRINCIPAL"/>
         <IdEtab V="21560046100010"/>
         <CodBud V="00"/>
         <Nomenclature V="M14-M14_COM_500_3500"/>
      </EnTeteBudget>
      <BlocBudget>
         <NatDec V="09"/>
         <Exer V="2022"/>
         <NatFonc V="1"/>
         <CodTypBud V="P"/>
      </BlocBudget>
"#;

const FOOTER: &str = "   </Budget>\n</DocumentBudgetaire>\n";

/// Nature, ContNat (empty when absent), CodRD, OpBudg, TypOpBudg.
const LINES: [(&str, &str, &str, &str, &str); 6] = [
    ("6413", "012", "D", "0", ""),
    ("6237", "", "D", "0", ""),
    ("2117", "21", "D", "0", ""),
    ("2804412", "", "R", "1", "2"),
    ("7015", "", "R", "0", ""),
    ("66111", "66", "D", "0", ""),
];

/// Streams a document of about `target_bytes` bytes.
pub struct SyntheticBudget {
    target_bytes: u64,
    produced: u64,
    index: u64,
    chunk: Vec<u8>,
    position: usize,
    done: bool,
}

impl SyntheticBudget {
    pub fn new(target_bytes: u64) -> Self {
        SyntheticBudget {
            target_bytes,
            produced: 0,
            index: 0,
            chunk: HEADER.as_bytes().to_vec(),
            position: 0,
            done: false,
        }
    }

    fn refill(&mut self) {
        self.chunk.clear();
        self.position = 0;
        if self.done {
            return;
        }
        if self.produced >= self.target_bytes {
            self.chunk.extend_from_slice(FOOTER.as_bytes());
            self.done = true;
            return;
        }

        let (nature, chapter, direction, operation, operation_type) =
            LINES[(self.index % 6) as usize];
        let cents = self.index % 100;
        let euros = 1000 + self.index % 97_001;

        let mut line = String::with_capacity(512);
        line.push_str("      <LigneBudget>\n");
        line.push_str(&format!("         <Nature V=\"{nature}\"/>\n"));
        line.push_str("         <LibCpte V=\"Libell\u{e9} de la ligne\"/>\n");
        if !chapter.is_empty() {
            line.push_str(&format!("         <ContNat V=\"{chapter}\"/>\n"));
        }
        line.push_str("         <ArtSpe V=\"false\"/>\n");
        line.push_str(&format!("         <CodRD V=\"{direction}\"/>\n"));
        line.push_str(&format!(
            "         <MtBudgPrec V=\"{euros}.{cents:02}\"/>\n"
        ));
        line.push_str(&format!("         <MtPrev V=\"{euros}.{cents:02}\"/>\n"));
        line.push_str(&format!("         <CredOuv V=\"{euros}.{cents:02}\"/>\n"));
        line.push_str(&format!(
            "         <MtReal V=\"{}.{cents:02}\"/>\n",
            euros / 2
        ));
        line.push_str(&format!("         <OpBudg V=\"{operation}\"/>\n"));
        if !operation_type.is_empty() {
            line.push_str(&format!("         <TypOpBudg V=\"{operation_type}\"/>\n"));
        }
        line.push_str("         <MtSup Code=\"BudgetHorsRAR\" V=\"0.00\"/>\n");
        line.push_str("      </LigneBudget>\n");

        // The document declares ISO-8859-1: write the one accented letter as a Latin-1 byte.
        self.chunk.extend(
            line.chars()
                .map(|character| u8::try_from(u32::from(character)).unwrap_or(b'?')),
        );
        self.produced += self.chunk.len() as u64;
        self.index += 1;
    }
}

impl Read for SyntheticBudget {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.position >= self.chunk.len() {
            self.refill();
        }
        let available = &self.chunk[self.position..];
        let length = available.len().min(out.len());
        out[..length].copy_from_slice(&available[..length]);
        self.position += length;
        Ok(length)
    }
}
