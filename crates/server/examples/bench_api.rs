//! Load-test fixture of the CKAN-compatible API: fills a data folder with generated
//! datasets (the same shape as the `bench_serve` example: every tenth private, one in
//! twenty a draft, one CSV resource each), then serves the platform on 127.0.0.1:18191 and
//! a trivial axum handler on 127.0.0.1:18192 in the same process, so that a load tool
//! compares both in one run. Its ports differ from `bench_serve`'s so both can run.
//!
//! Usage: `cargo run --release -p server --example bench_api -- DATA_FOLDER COUNT`
//! (default 50000 datasets). `scripts/bench-api.sh` drives it with wrk.

#[path = "support/allocator.rs"]
mod allocator;

use std::net::SocketAddr;
use std::path::PathBuf;

#[path = "support/catalogue.rs"]
mod catalogue;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let data = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "target/bench-api-data".into()),
    );
    let count: usize = args
        .next()
        .map(|text| text.parse())
        .transpose()?
        .unwrap_or(50_000);
    std::fs::create_dir_all(&data)?;
    catalogue::generate(&data, count).await?;

    let config = server::Config {
        data: data.clone(),
        bind: SocketAddr::from(([127, 0, 0, 1], 18191)),
        ..server::Config::default()
    };
    let state = server::open(config).await?;
    let platform = tokio::net::TcpListener::bind("127.0.0.1:18191").await?;
    let trivial = tokio::net::TcpListener::bind("127.0.0.1:18192").await?;
    let trivial_router = axum::Router::new().route("/", axum::routing::get(|| async { "ok" }));
    println!("ready: platform http://127.0.0.1:18191/ trivial http://127.0.0.1:18192/");
    let platform_server = axum::serve(platform, server::router(state));
    let trivial_server = axum::serve(trivial, trivial_router);
    tokio::try_join!(async { platform_server.await }, async {
        trivial_server.await
    })?;
    Ok(())
}
