// The schema's merged query root nests deeper than the default limit when the binary's
// async main is laid out in release builds.
#![recursion_limit = "256"]

use clap::Parser;
use tracing_subscriber::EnvFilter;

/// mimalloc: a GraphQL answer is thousands of small allocations, made and freed on several
/// threads; glibc's malloc kept the memory of the largest answers long after they were sent
/// (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,tower_http=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    let cli = thidua::cli::Cli::parse();
    match thidua::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = format!("{err:#}"), "thidua failed");
            std::process::ExitCode::FAILURE
        }
    }
}
