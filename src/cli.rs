//! The `thidua` command line: `serve`, `migrate`, `init`, `province`, `seed --demo`, `schema`,
//! `user`, `token`.

use std::{io::IsTerminal, net::SocketAddr, path::PathBuf, time::Duration};

use anyhow::{bail, Context};
use clap::builder::BoolishValueParser;
use clap::{Args, Parser, Subcommand};
use entity::enums::Role;

use crate::{
    app, db,
    identity::{keys, password, tokens, users, Environment, IdentityConfig, TokenService},
};

/// thidua: the GraphQL backend of a province-wide emulation and commendation network
/// (thi đua – khen thưởng).
#[derive(Debug, Parser)]
#[command(name = "thidua", version, about, long_about = None)]
pub struct Cli {
    /// Database URL: `sqlite://FILE?mode=rwc` or `postgres://USER@HOST:PORT/DB`.
    #[arg(long, env = "DATABASE_URL", default_value = db::DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,

    #[command(flatten)]
    pub identity: IdentityArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Token and environment settings.
#[derive(Debug, Clone, Args)]
pub struct IdentityArgs {
    /// Where this runs: `development` allows the demo accounts and a generated signing key;
    /// `production` requires THIDUA_JWT_SECRET.
    #[arg(
        long = "env",
        env = "THIDUA_ENV",
        value_enum,
        default_value = "development",
        global = true
    )]
    pub environment: Environment,

    /// Issuer (`iss`) of the tokens this server signs.
    #[arg(
        long,
        env = "THIDUA_JWT_ISSUER",
        default_value = "thidua",
        global = true
    )]
    pub jwt_issuer: String,

    /// Audience (`aud`) of the tokens this server accepts from itself.
    #[arg(
        long,
        env = "THIDUA_JWT_AUDIENCE",
        default_value = "thidua-api",
        global = true
    )]
    pub jwt_audience: String,

    /// Lifetime of tokens issued by `login` (e.g. 30m, 12h, 7d).
    #[arg(long, env = "THIDUA_TOKEN_TTL", default_value = "12h", value_parser = tokens::parse_ttl, global = true)]
    pub token_ttl: Duration,

    /// JSON file of partner provinces' systems whose tokens are accepted (role PARTNER):
    /// `[{"name", "issuer", "audience", "algorithm": "EdDSA"|"ES256", "publicKeyPem"}]`.
    #[arg(long, env = "THIDUA_PARTNERS_FILE", global = true)]
    pub partners_file: Option<PathBuf>,
}

impl IdentityArgs {
    /// The keys the server in the working directory signs with, never new ones: in
    /// development without THIDUA_JWT_SECRET, the key file the server made on its first
    /// start; an error saying where it looked otherwise.
    pub fn resolve_existing(&self) -> anyhow::Result<(IdentityConfig, String)> {
        let secret = std::env::var("THIDUA_JWT_SECRET").ok();
        let dir = std::env::current_dir()?;
        let found = keys::existing_secret(self.environment, secret.as_deref(), &dir)?;
        let source = if secret.as_deref().is_some_and(|s| !s.is_empty()) {
            "THIDUA_JWT_SECRET".to_owned()
        } else {
            dir.join(keys::DEV_KEY_FILE).display().to_string()
        };
        let Some(_) = found else {
            bail!(
                "no signing key: {source} does not exist. Run this in the server's working \
                 directory (where the server made it on its first start), or set \
                 THIDUA_JWT_SECRET as the server has it"
            );
        };
        Ok((self.resolve()?, source))
    }

    /// Resolves the keys. The signing secret is read from THIDUA_JWT_SECRET only (never a
    /// flag, so it does not show in process lists).
    pub fn resolve(&self) -> anyhow::Result<IdentityConfig> {
        let secret = std::env::var("THIDUA_JWT_SECRET").ok();
        let secret = keys::signing_secret(
            self.environment,
            secret.as_deref(),
            &std::env::current_dir()?,
        )?;
        let partners = match &self.partners_file {
            Some(path) => keys::read_partners(path)?,
            None => Vec::new(),
        };
        Ok(IdentityConfig {
            environment: self.environment,
            secret,
            issuer: self.jwt_issuer.clone(),
            audience: self.jwt_audience.clone(),
            token_ttl: self.token_ttl,
            partners,
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database, load the demo province if it is empty (development only), and
    /// serve the API.
    Serve(ServeArgs),
    /// Bring the database schema up to date (and the award catalogue with it).
    Migrate,
    /// Load data into the database.
    Seed {
        /// Load the demo province (the facts of the articles in shared/seeds/) and its demo
        /// accounts; development only. Running it twice changes nothing.
        #[arg(long, conflicts_with = "synthetic")]
        demo: bool,
        /// Load synthetic data at scale into an empty database, for benchmarks; development
        /// only. The same --seed makes the same rows.
        #[arg(long)]
        synthetic: bool,
        /// How much synthetic data: province (one province, 6,000 persons) or nation (34
        /// provinces, 200,000 persons, 1,000,000 awards).
        #[arg(long, value_parser = parse_scale, default_value = "province", requires = "synthetic")]
        scale: crate::demo::synthetic::Scale,
        /// The seed of the synthetic data.
        #[arg(long, default_value_t = 1, requires = "synthetic")]
        seed: u64,
    },
    /// Make an empty installation ready for its first board account, in one command: bring
    /// the schema up to date, create the province and an administrator (password from
    /// standard input or the terminal). Running it again changes nothing.
    Init {
        /// The province's code, e.g. CA_MAU.
        #[arg(long)]
        province: String,
        /// The province's name, e.g. "Cà Mau".
        #[arg(long)]
        name: String,
        /// The administrator's username.
        #[arg(long)]
        admin: String,
        /// The province's first day in force (YYYY-MM-DD), when known.
        #[arg(long)]
        valid_from: Option<chrono::NaiveDate>,
    },
    /// Manage provinces.
    #[command(subcommand)]
    Province(ProvinceCommand),
    /// Export awards, decisions, nominations, rankings or statistics as XLSX or CSV with
    /// Vietnamese headers (as `GET /exports/…` does for an administrator).
    Export {
        /// awards, decisions, nominations, rankings or statistics.
        #[arg(value_parser = parse_export)]
        what: crate::exports::Export,
        /// The file to write; its extension (.xlsx or .csv) is the format.
        #[arg(long)]
        output: PathBuf,
        /// Only of this province (its code).
        #[arg(long)]
        province: Option<String>,
        /// Only of this year (rankings need one).
        #[arg(long)]
        year: Option<i32>,
        /// Only of this unit (its code).
        #[arg(long)]
        unit: Option<String>,
    },
    /// Draw up a statutory form of a province for a year, as XLSX laid out as the printed
    /// form or as CSV: 0601 (emulation movements), 0602 (State-level awards), 0603 (awards
    /// of the province), biểu 0601.N, 0602.N and 0603.N/BNV-TĐKT.
    Report {
        /// 0601, 0602 or 0603.
        #[arg(value_parser = parse_form)]
        form: crate::reports::Form,
        /// The province (its code).
        #[arg(long)]
        province: String,
        /// The year reported (its period runs from 1 December of the year before).
        #[arg(long)]
        year: i32,
        /// The file to write; its extension (.xlsx or .csv) is the format.
        #[arg(long)]
        output: PathBuf,
    },
    /// Import a province's units, persons, past awards, performance ratings or initiatives
    /// from an XLSX or CSV file: every row is checked first, and nothing is written unless
    /// all pass.
    /// Running the same file twice changes nothing.
    Import {
        /// units, persons, awards, ratings or initiatives.
        #[arg(value_parser = parse_import_kind)]
        kind: crate::imports::Kind,
        /// The XLSX or CSV file.
        file: PathBuf,
        /// The province the file is of (its code).
        #[arg(long)]
        province: String,
        /// Check every row and report, writing nothing.
        #[arg(long)]
        dry_run: bool,
        /// A JSON file naming which field each header is: {"<header>": "<field>"}.
        #[arg(long)]
        mapping: Option<PathBuf>,
    },
    /// Print the GraphQL schema (SDL), as `schema.graphql` keeps it.
    Schema,
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Print an access token for a user, for scripts and integrations.
    Token {
        /// The user the token is for.
        #[arg(long)]
        user: String,
        /// Lifetime, e.g. 30m, 1h, 7d (at most 90d).
        #[arg(long, default_value = "1h", value_parser = tokens::parse_ttl)]
        ttl: Duration,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProvinceCommand {
    /// Create a province of a real installation.
    Add {
        /// Its code: 2 to 32 of A-Z, 0-9 and '_', e.g. CA_MAU.
        code: String,
        /// Its name, e.g. "Cà Mau".
        #[arg(long)]
        name: String,
        /// Its first day in force (YYYY-MM-DD), when known.
        #[arg(long)]
        valid_from: Option<chrono::NaiveDate>,
    },
    /// List the provinces.
    List,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account. The password is read from standard input (first line) or asked
    /// for at the terminal; it is never a flag.
    Add {
        /// Username: 3 to 64 of lower-case letters, digits, '.', '_', '-'.
        username: String,
        /// ADMIN, BOARD, UNIT_OFFICER or PARTNER.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// The unit of a UNIT_OFFICER (its code).
        #[arg(long)]
        unit: Option<String>,
        /// The province of a BOARD member (its code).
        #[arg(long)]
        province: Option<String>,
    },
    /// List the accounts, each with its role, unit, province and state.
    List,
    /// Disable an account: it can no longer sign in and its tokens stop working.
    Disable { username: String },
}

fn parse_export(text: &str) -> Result<crate::exports::Export, String> {
    crate::exports::Export::by_name(&text.to_ascii_lowercase()).ok_or_else(|| {
        format!("`{text}` is not awards, decisions, nominations, rankings or statistics")
    })
}

fn parse_scale(text: &str) -> Result<crate::demo::synthetic::Scale, String> {
    match text {
        "province" => Ok(crate::demo::synthetic::Scale::Province),
        "nation" => Ok(crate::demo::synthetic::Scale::Nation),
        _ => Err(format!("`{text}` is not province or nation")),
    }
}

fn parse_form(text: &str) -> Result<crate::reports::Form, String> {
    crate::reports::Form::by_name(text).ok_or_else(|| format!("`{text}` is not 0601, 0602 or 0603"))
}

fn parse_import_kind(text: &str) -> Result<crate::imports::Kind, String> {
    crate::imports::Kind::ALL
        .into_iter()
        .find(|k| k.name() == text.to_ascii_lowercase())
        .ok_or_else(|| format!("`{text}` is not units, persons, awards, ratings or initiatives"))
}

fn parse_role(text: &str) -> Result<Role, String> {
    match text.to_ascii_uppercase().replace('-', "_").as_str() {
        "ADMIN" => Ok(Role::Admin),
        "BOARD" => Ok(Role::Board),
        "UNIT_OFFICER" => Ok(Role::UnitOfficer),
        "PARTNER" => Ok(Role::Partner),
        _ => Err(format!(
            "`{text}` is not ADMIN, BOARD, UNIT_OFFICER or PARTNER"
        )),
    }
}

#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "THIDUA_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Do not load the demo province into an empty database (`1`, `true`, `yes`).
    #[arg(long, env = "THIDUA_NO_DEMO", num_args = 0..=1, default_missing_value = "true",
          default_value = "false", value_parser = BoolishValueParser::new())]
    pub no_demo: bool,

    /// Serve GraphiQL to browsers at GET /graphql; on in development, off in production
    /// unless set.
    #[arg(long, env = "THIDUA_GRAPHIQL", value_parser = BoolishValueParser::new())]
    pub graphiql: Option<bool>,

    /// Answer schema introspection (`__schema`, `__type`); on in development, off in
    /// production unless set.
    #[arg(long, env = "THIDUA_INTROSPECTION", value_parser = BoolishValueParser::new())]
    pub introspection: Option<bool>,

    /// Origins allowed to call the API from a browser, comma-separated (e.g.
    /// `https://dashboard.example.vn,http://localhost:5173`), or `*` for any; none by default.
    #[arg(long, env = "THIDUA_CORS_ORIGINS", value_delimiter = ',')]
    pub cors_origins: Vec<String>,

    /// The server is reached over TLS (behind a proxy that terminates it): responses carry
    /// `Strict-Transport-Security`.
    #[arg(long, env = "THIDUA_BEHIND_TLS", num_args = 0..=1, default_missing_value = "true",
          default_value = "false", value_parser = BoolishValueParser::new())]
    pub behind_tls: bool,

    /// Bearer token that `/metrics` requires. Without it `/metrics` is open in development
    /// and absent (404) in production.
    #[arg(long, env = "THIDUA_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,

    /// JSON file of trusted documents, `{"<sha256 of the document>": "<document>"}`: only
    /// these run (for anyone but ADMIN), sent by hash or in full.
    #[arg(long, env = "THIDUA_TRUSTED_DOCUMENTS")]
    pub trusted_documents: Option<PathBuf>,

    /// Time limit of one GraphQL query or mutation (not of a subscription's stream), in
    /// seconds or as 30s, 2m; between 1 s and 1 h. Over it the request is a 503 (`INTERNAL`).
    #[arg(long, env = "THIDUA_REQUEST_TIMEOUT", default_value = "30s", value_parser = parse_timeout)]
    pub request_timeout: Duration,

    /// Where attachments are kept (by their SHA-256); by default `files` beside the SQLite
    /// file, or in the working directory on PostgreSQL.
    #[arg(long, env = "THIDUA_FILES_DIR")]
    pub files_dir: Option<PathBuf>,

    /// The largest attachment accepted, in MiB (1 to 1024).
    #[arg(long, env = "THIDUA_MAX_UPLOAD_MIB", default_value_t = 20,
          value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub max_upload_mib: u64,

    /// How much of the answers to anonymous queries the server keeps, in MiB (0 to 4096;
    /// 0 keeps none). An answer is kept until the server's next committed write, and 60 s
    /// at most.
    #[arg(long, env = "THIDUA_PUBLIC_CACHE_MIB", default_value_t = crate::web::caching::DEFAULT_PUBLIC_CACHE_MIB,
          value_parser = clap::value_parser!(u64).range(0..=4096))]
    pub public_cache_mib: u64,
}

/// A request time limit: `30`, `30s` or `2m`, between 1 s and 1 h.
fn parse_timeout(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, factor) = match text.strip_suffix('m') {
        Some(minutes) => (minutes, 60),
        None => (text.strip_suffix('s').unwrap_or(text), 1),
    };
    let seconds = number
        .parse::<u64>()
        .ok()
        .map(|n| n * factor)
        .filter(|s| (1..=3600).contains(s))
        .ok_or_else(|| format!("`{text}` is not a time limit between 1s and 60m"))?;
    Ok(Duration::from_secs(seconds))
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let again = rpassword::prompt_password("Password again: ")?;
        if first != again {
            bail!("the passwords differ");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

/// The console, as the viewer of the writes the command line makes (with their audit
/// records): it administers the system.
/// `seed --synthetic`: the rows, with a progress bar and what it took.
async fn synthetic(
    db: &sea_orm::DatabaseConnection,
    scale: crate::demo::synthetic::Scale,
    seed: u64,
) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} rows {msg} ({elapsed})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let progress = |done: u64, total: u64, what: &str| {
        bar.set_length(total.max(done));
        bar.set_position(done);
        bar.set_message(what.to_owned());
    };
    let counts = crate::demo::synthetic::seed(db, scale, seed, &progress).await?;
    crate::db::analyze(db).await?;
    bar.finish_and_clear();
    println!(
        "synthetic {scale:?} data (seed {seed}) written in {:.1} s: {} provinces, {} units, {} persons, {} cluster years with {} members, {} score lines, {} decisions, {} awards, {} nominations",
        started.elapsed().as_secs_f64(),
        counts.provinces,
        counts.units,
        counts.persons,
        counts.cluster_years,
        counts.members,
        counts.score_lines,
        counts.decisions,
        counts.awards,
        counts.nominations
    );
    Ok(())
}

fn console() -> crate::access::Viewer {
    crate::access::Viewer {
        user_id: None,
        name: "console".to_owned(),
        role: Some(Role::Admin),
        unit_id: None,
        province_id: None,
    }
}

/// Runs `write` as one write of its own, as a request's would be; its problems become the
/// command's error.
async fn write<T>(
    db: &sea_orm::DatabaseConnection,
    write: impl AsyncFnOnce(&crate::work::Work) -> crate::error::AppResult<crate::error::Outcome<T>>,
) -> anyhow::Result<T> {
    let failed = |e: crate::error::AppError| anyhow::anyhow!(e.message().to_owned());
    let work = crate::work::Work::begin(db).await.map_err(failed)?;
    match write(&work).await.map_err(failed)? {
        Ok(done) => {
            work.commit(&Default::default()).await.map_err(failed)?;
            Ok(done)
        }
        Err(problems) => {
            let messages: Vec<String> = problems
                .into_iter()
                .map(|p| p.message.to_string())
                .collect();
            bail!("{}", messages.join(" "))
        }
    }
}

/// A database that exists already: a SQLite file is never made by a command that only
/// reads it.
fn existing_database(url: &str) -> anyhow::Result<()> {
    if let Some(file) = db::sqlite_file(url) {
        if !file.exists() {
            bail!(
                "no database at {} (DATABASE_URL {}): run this in the server's working \
                 directory, or set DATABASE_URL as the server has it",
                file.display(),
                db::redacted(url)
            );
        }
    }
    Ok(())
}

/// The writer of the database at `url`: commands run one at a time and need no readers.
async fn writer(url: &str) -> anyhow::Result<sea_orm::DatabaseConnection> {
    Ok(db::Db::connect(url).await?.writer().clone())
}

/// Runs the command line; the process exit code follows the result.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Schema => {
            print!("{}", crate::api::sdl());
            Ok(())
        }
        Command::Migrate => {
            let db = writer(&cli.database_url).await?;
            crate::app::prepare(&db).await?;
            tracing::info!(database = %db::redacted(&cli.database_url), "database is up to date");
            Ok(())
        }
        Command::Seed {
            synthetic: true,
            scale,
            seed,
            ..
        } => {
            anyhow::ensure!(
                cli.identity.environment == Environment::Development,
                "synthetic data and its published passwords are for development only"
            );
            let db = writer(&cli.database_url).await?;
            crate::app::prepare(&db).await?;
            synthetic(&db, scale, seed).await
        }
        Command::Seed { demo, .. } => {
            anyhow::ensure!(
                demo,
                "nothing to seed: pass --demo to load the demo province, or --synthetic"
            );
            anyhow::ensure!(
                cli.identity.environment == Environment::Development,
                "the demo province and its published passwords are for development only"
            );
            let db = writer(&cli.database_url).await?;
            crate::app::prepare(&db).await?;
            anyhow::ensure!(
                !crate::organisation::provinces::has_real(&db).await?,
                "this database holds a real province: the demo goes into a database of its own"
            );
            crate::demo::seed(&db).await?;
            tracing::info!(database = %db::redacted(&cli.database_url), "demo province loaded");
            Ok(())
        }
        Command::Init {
            province,
            name,
            admin,
            valid_from,
        } => {
            // The keys the server will sign with: in development its key file is made here.
            cli.identity.resolve()?;
            let db = writer(&cli.database_url).await?;
            crate::app::prepare(&db).await?;
            init(&db, province, name, admin, valid_from).await
        }
        Command::Province(command) => {
            let db = writer(&cli.database_url).await?;
            crate::app::prepare(&db).await?;
            match command {
                ProvinceCommand::Add {
                    code,
                    name,
                    valid_from,
                } => {
                    let console = console();
                    let new = crate::organisation::provinces::NewProvince {
                        code,
                        name,
                        valid_from,
                    };
                    let row = write(&db, async |work| {
                        crate::organisation::provinces::create(work, &console, new).await
                    })
                    .await?;
                    println!("created province {} ({})", row.code, row.name);
                    Ok(())
                }
                ProvinceCommand::List => {
                    use sea_orm::{EntityTrait, QueryOrder};
                    let rows = entity::province::Entity::find()
                        .order_by_asc(entity::province::Column::Code)
                        .all(&db)
                        .await?;
                    println!("code\tname\tvalid from\tvalid to\tdemo");
                    for p in rows {
                        let day = |d: Option<chrono::NaiveDate>| {
                            d.map(|d| d.to_string()).unwrap_or_default()
                        };
                        println!(
                            "{}\t{}\t{}\t{}\t{}",
                            p.code,
                            p.name,
                            day(p.valid_from),
                            day(p.valid_to),
                            if p.demo { "demo" } else { "" }
                        );
                    }
                    Ok(())
                }
            }
        }
        Command::Import {
            kind,
            file,
            province,
            dry_run,
            mapping,
        } => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let mapping = match mapping {
                Some(path) => crate::imports::columns::read_mapping(
                    &std::fs::read_to_string(&path)
                        .with_context(|| format!("reading {}", path.display()))?,
                )
                .map_err(anyhow::Error::msg)?,
                None => Default::default(),
            };
            let db = writer(&cli.database_url).await?;
            crate::app::prepare(&db).await?;
            import(&db, kind, &province, &bytes, &mapping, dry_run).await
        }
        Command::Export {
            what,
            output,
            province,
            year,
            unit,
        } => {
            let xlsx = match output.extension().and_then(|e| e.to_str()) {
                Some("xlsx") => true,
                Some("csv") => false,
                _ => bail!("the output file ends in .xlsx or .csv"),
            };
            let db = db::Db::connect(&cli.database_url).await?;
            crate::app::prepare(db.writer()).await?;
            let executor = crate::exports::Direct {
                schema: crate::api::schema::build_schema(),
                db,
                viewer: console(),
            };
            let params = crate::exports::Params {
                province,
                year,
                unit,
            };
            let failed = |e: crate::error::AppError| anyhow::anyhow!(e.message().to_owned());
            let table = crate::exports::table(&executor, what, &params)
                .await
                .map_err(failed)?;
            let bytes = if xlsx {
                crate::exports::xlsx(&table).map_err(failed)?
            } else {
                crate::exports::csv(&table)
            };
            std::fs::write(&output, bytes)
                .with_context(|| format!("writing {}", output.display()))?;
            println!("{} rows written to {}", table.rows.len(), output.display());
            Ok(())
        }
        Command::Report {
            form,
            province,
            year,
            output,
        } => {
            let xlsx = match output.extension().and_then(|e| e.to_str()) {
                Some("xlsx") => true,
                Some("csv") => false,
                _ => bail!("the output file ends in .xlsx or .csv"),
            };
            let db = writer(&cli.database_url).await?;
            crate::app::prepare(&db).await?;
            let failed = |e: crate::error::AppError| anyhow::anyhow!(e.message().to_owned());
            let sheet = match crate::reports::build(&db, &console(), form, &province, year)
                .await
                .map_err(failed)?
            {
                Ok(sheet) => sheet,
                Err(problems) => bail!(problems
                    .iter()
                    .map(|p| p.message.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")),
            };
            let bytes = if xlsx {
                sheet.xlsx().map_err(failed)?
            } else {
                sheet.csv()
            };
            std::fs::write(&output, bytes)
                .with_context(|| format!("writing {}", output.display()))?;
            println!(
                "Biểu {} of {province} for {year} written to {}",
                sheet.heading.code,
                output.display()
            );
            Ok(())
        }
        Command::Serve(args) => app::serve(&cli.database_url, &args, cli.identity.resolve()?).await,
        Command::User(command) => {
            let db = writer(&cli.database_url).await?;
            crate::app::prepare(&db).await?;
            match command {
                UserCommand::Add {
                    username,
                    role,
                    unit,
                    province,
                } => {
                    let password = read_password()?;
                    let new = users::NewUser {
                        username: crate::text::nfc(&username),
                        password,
                        role,
                        unit_code: unit,
                        province_code: province,
                    };
                    let hash = password::hash(&new.password).map_err(anyhow::Error::msg)?;
                    let console = console();
                    let user = write(&db, async |work| {
                        users::create(work, &console, new, hash).await
                    })
                    .await?;
                    println!("created {} ({:?})", user.username, user.role);
                    Ok(())
                }
                UserCommand::List => {
                    println!("username\trole\tunit\tprovince\tstate");
                    for line in users::listing(&db).await? {
                        println!("{line}");
                    }
                    Ok(())
                }
                UserCommand::Disable { username } => {
                    if users::disable(&db, &username).await? {
                        println!("disabled {username}");
                        Ok(())
                    } else {
                        bail!("no user {username}")
                    }
                }
            }
        }
        Command::Token { user, ttl } => {
            existing_database(&cli.database_url)?;
            let (config, key) = cli.identity.resolve_existing()?;
            eprintln!(
                "database {}, signing key {key}",
                db::redacted(&cli.database_url)
            );
            let environment = config.environment;
            let db = writer(&cli.database_url).await?;
            let account = users::by_username(&db, &user)
                .await?
                .with_context(|| format!("no user {user}"))?;
            if !crate::identity::users::may_sign_in(&account, environment) {
                bail!("{user} is disabled, or a demo account outside development");
            }
            let issued = TokenService::new(config).issue(account.id, Some(ttl))?;
            println!("{}", issued.token);
            Ok(())
        }
    }
}

/// `thidua import`: the report on standard output, a progress bar on standard error while
/// rows are written; fails when the file has problems.
async fn import(
    db: &sea_orm::DatabaseConnection,
    kind: crate::imports::Kind,
    province: &str,
    bytes: &[u8],
    mapping: &crate::imports::columns::Mapping,
    dry_run: bool,
) -> anyhow::Result<()> {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} rows {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let progress = |done: usize, total: usize| {
        if done == 1 {
            bar.set_length(total as u64);
        }
        if done.is_multiple_of(256) || done == total {
            bar.set_position(done as u64);
        }
    };
    let failed = |e: crate::error::AppError| anyhow::anyhow!(e.message().to_owned());
    let console = console();
    let work = crate::work::Work::begin(db).await.map_err(failed)?;
    let request = crate::imports::Request {
        kind,
        province_code: province,
        bytes,
        mapping,
        dry_run,
    };
    let report = crate::imports::run(&work, &console, request, &progress)
        .await
        .map_err(failed)?;
    bar.finish_and_clear();
    let report = match report {
        Ok(report) => report,
        Err(problems) => {
            let messages: Vec<String> = problems
                .into_iter()
                .map(|p| p.message.to_string())
                .collect();
            bail!("{}", messages.join(" "))
        }
    };
    for p in &report.problems {
        println!(
            "row {}\t{}\t{}",
            p.row,
            p.column.as_deref().unwrap_or("-"),
            p.message
        );
    }
    if !report.problems.is_empty() {
        bail!(
            "{} problems in {} rows: nothing written",
            report.problems.len(),
            report.rows_read
        );
    }
    if dry_run {
        println!(
            "{} rows read, {} would be written (dry run: nothing written)",
            report.rows_read, report.rows_written
        );
    } else {
        work.commit(&Default::default()).await.map_err(failed)?;
        crate::db::analyze(db).await?;
        println!(
            "{} rows read, {} written",
            report.rows_read, report.rows_written
        );
    }
    Ok(())
}

/// `thidua init`: the province and its administrator, each made unless it exists.
async fn init(
    db: &sea_orm::DatabaseConnection,
    province: String,
    name: String,
    admin: String,
    valid_from: Option<chrono::NaiveDate>,
) -> anyhow::Result<()> {
    use crate::organisation::{provinces, store};
    anyhow::ensure!(
        !provinces::has_demo(db).await?,
        "this database holds the demo province: a real province goes into a database of its own"
    );
    let console = console();
    let code = crate::text::nfc(province.trim());
    match store::find_province(db, &code).await? {
        Some(existing) => println!("province {} ({}) exists", existing.code, existing.name),
        None => {
            let new = provinces::NewProvince {
                code,
                name,
                valid_from,
            };
            let row = write(db, async |work| {
                provinces::create(work, &console, new).await
            })
            .await?;
            println!("created province {} ({})", row.code, row.name);
        }
    }
    let username = crate::text::nfc(admin.trim());
    match users::by_username(db, &username).await? {
        Some(existing) => println!("account {} exists", existing.username),
        None => {
            let password = read_password()?;
            let new = users::NewUser {
                username,
                password,
                role: Role::Admin,
                unit_code: None,
                province_code: None,
            };
            let hash = password::hash(&new.password).map_err(anyhow::Error::msg)?;
            let user = write(db, async |work| {
                users::create(work, &console, new, hash).await
            })
            .await?;
            println!("created administrator {}", user.username);
        }
    }
    println!(
        "next: the board's first account, `thidua user add NAME --role BOARD --province {}` \
         (or `createUser` signed in as the administrator)",
        province.trim()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serve(args: &[&str]) -> ServeArgs {
        let argv = ["thidua", "serve"].iter().chain(args).copied();
        match Cli::try_parse_from(argv).unwrap().command {
            Command::Serve(args) => args,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn switches_read_the_words_people_write() {
        assert!(!serve(&[]).no_demo);
        assert!(serve(&["--no-demo"]).no_demo);
        for yes in ["1", "true", "yes", "on"] {
            assert!(serve(&["--no-demo", yes]).no_demo, "{yes}");
        }
        for no in ["0", "false", "no", "off"] {
            assert!(!serve(&["--no-demo", no]).no_demo, "{no}");
        }
        assert_eq!(serve(&[]).graphiql, None);
        assert_eq!(serve(&["--graphiql", "0"]).graphiql, Some(false));
        assert_eq!(
            serve(&["--cors-origins", "https://a.vn,http://localhost:5173"]).cors_origins,
            ["https://a.vn", "http://localhost:5173"]
        );
    }
}
