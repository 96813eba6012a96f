//! The `thidua` command line: `serve`, `migrate`, `seed --demo`, `schema`.

use std::net::SocketAddr;

use clap::{Parser, Subcommand};

use crate::{app, db};

/// thidua: the GraphQL backend of a province-wide emulation and commendation network
/// (thi đua – khen thưởng).
#[derive(Debug, Parser)]
#[command(name = "thidua", version, about, long_about = None)]
pub struct Cli {
    /// Database URL: `sqlite://FILE?mode=rwc` or `postgres://USER@HOST:PORT/DB`.
    #[arg(long, env = "DATABASE_URL", default_value = db::DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database, load the demo province if it is empty, and serve the API.
    Serve(ServeArgs),
    /// Bring the database schema up to date (and the award catalogue with it).
    Migrate,
    /// Load data into the database.
    Seed {
        /// Load the demo province (the facts of the articles in shared/seeds/). Running it
        /// twice changes nothing.
        #[arg(long)]
        demo: bool,
    },
    /// Print the GraphQL schema (SDL), as `schema.graphql` keeps it.
    Schema,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "THIDUA_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Do not load the demo province into an empty database.
    #[arg(long, env = "THIDUA_NO_DEMO")]
    pub no_demo: bool,
}

/// Runs the command line; the process exit code follows the result.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Schema => {
            print!("{}", crate::api::sdl());
            Ok(())
        }
        Command::Migrate => {
            let db = db::connect(&cli.database_url).await?;
            db::prepare(&db).await?;
            tracing::info!(database = %db::redacted(&cli.database_url), "database is up to date");
            Ok(())
        }
        Command::Seed { demo } => {
            anyhow::ensure!(
                demo,
                "nothing to seed: pass --demo to load the demo province"
            );
            let db = db::connect(&cli.database_url).await?;
            db::prepare(&db).await?;
            crate::demo::seed(&db).await?;
            tracing::info!(database = %db::redacted(&cli.database_url), "demo province loaded");
            Ok(())
        }
        Command::Serve(args) => app::serve(&cli.database_url, &args).await,
    }
}
