//! Building and running the application: the same router for production and for tests.

use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;

use crate::{
    api::build_schema_with,
    cli::ServeArgs,
    db::{self, Db},
    demo,
    identity::{Environment, Identity, IdentityConfig},
    web::{self, metrics::Metrics, AppState},
    work::Events,
};

/// The application's router over `db` (already prepared), with `identity`'s keys. The
/// statements `db` runs are counted for `/metrics` when it was connected with
/// [`counted_connection`].
pub fn router(db: Db, identity: Identity) -> Router {
    router_with(db, identity, web::Settings::default())
}

/// [`router`] with `settings` instead of the development defaults.
pub fn router_with(db: Db, identity: Identity, settings: web::Settings) -> Router {
    router_with_metrics(db, identity, Arc::new(Metrics::default()), settings)
}

fn router_with_metrics(
    db: Db,
    identity: Identity,
    metrics: Arc<Metrics>,
    settings: web::Settings,
) -> Router {
    web::router(AppState {
        schema: build_schema_with(settings.introspection),
        db,
        identity,
        events: Events::default(),
        metrics,
        answers: Arc::new(web::caching::PublicAnswers::new(
            settings.public_cache_bytes,
        )),
        settings,
    })
}

/// A statement that takes longer than this is logged as a warning, with its SQL (never its
/// values).
const SLOW_STATEMENT: std::time::Duration = std::time::Duration::from_millis(100);

/// Connects to `url` with the statements of its readers and its writer counted in
/// `metrics`. Every statement is logged at `debug` under `thidua::sql` with its duration
/// (`RUST_LOG=thidua::sql=debug`), a slow one at `warn`.
async fn counted_connection(url: &str, metrics: &Metrics) -> anyhow::Result<Db> {
    let mut db = Db::connect(url).await?;
    let counter = metrics.statement_counter();
    db.set_metric_callback(move |info| {
        counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let micros = info.elapsed.as_micros() as u64;
        let sql = info.statement.sql.as_str();
        if info.elapsed >= SLOW_STATEMENT {
            tracing::warn!(target: "thidua::sql", micros, failed = info.failed, sql, "slow statement");
        } else {
            tracing::debug!(target: "thidua::sql", micros, failed = info.failed, sql, "statement");
        }
    });
    Ok(db)
}

/// Brings the schema up to date and loads the reference data every database needs (the
/// award catalogue, its eligibility rules and the reward money's rates). Safe to run at every start.
pub async fn prepare(db: &sea_orm::DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    db::migrate(db).await?;
    crate::awards::store::sync_catalogue(db).await?;
    crate::awards::store::sync_rules(db).await?;
    crate::awards::store::sync_reward_money(db).await?;
    db::optimize(db).await?;
    Ok(())
}

/// `thidua serve`: prepare the database, load the demo into an empty one, listen until
/// SIGTERM or Ctrl-C, then finish the requests in flight and stop.
pub async fn serve(
    database_url: &str,
    args: &ServeArgs,
    identity: IdentityConfig,
) -> anyhow::Result<()> {
    crate::access::matrix::check().map_err(|e| anyhow::anyhow!("src/access/matrix.md: {e}"))?;
    let environment = identity.environment;
    let identity = Identity::new(identity);
    let metrics = Arc::new(Metrics::default());
    let db = counted_connection(database_url, &metrics).await?;
    prepare(db.writer()).await?;
    if environment == Environment::Development
        && !args.no_demo
        && demo::is_empty(db.writer()).await?
    {
        demo::seed(db.writer()).await?;
        tracing::info!("empty database: demo province loaded");
    }
    keep_statistics_fresh(db.writer().clone());
    let listener = TcpListener::bind(args.bind).await?;
    let address = listener.local_addr()?;
    tracing::info!(
        database = %db::redacted(database_url),
        "thidua listening; GraphiQL at http://{address}/graphql"
    );
    let settings = settings(args, environment, database_url)?;
    axum::serve(
        listener,
        router_with_metrics(db.clone(), identity, metrics, settings),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    db.close().await?;
    tracing::info!("thidua stopped");
    Ok(())
}

/// The HTTP settings of `args` in `environment` (files beside `database_url` unless told): GraphiQL and introspection default to on in
/// development and off in production; `/metrics` needs its token when one is set, and is
/// absent in production without one.
fn settings(
    args: &ServeArgs,
    environment: Environment,
    database_url: &str,
) -> anyhow::Result<web::Settings> {
    let development = environment == Environment::Development;
    let metrics = match (&args.metrics_token, development) {
        (Some(token), _) if !token.is_empty() => web::policy::MetricsAccess::Token(token.clone()),
        (_, true) => web::policy::MetricsAccess::Open,
        (_, false) => web::policy::MetricsAccess::Closed,
    };
    let documents = match &args.trusted_documents {
        Some(path) => web::documents::Documents::trusted_from(path).map_err(anyhow::Error::msg)?,
        None => web::documents::Documents::default(),
    };
    Ok(web::Settings {
        documents: Arc::new(documents),
        request_timeout: args.request_timeout,
        graphiql: args.graphiql.unwrap_or(development),
        introspection: args.introspection.unwrap_or(development),
        cors: web::policy::Origins::parse(&args.cors_origins).map_err(anyhow::Error::msg)?,
        behind_tls: args.behind_tls,
        metrics,
        files: Arc::new(crate::dossiers::files::Store::new(
            args.files_dir
                .clone()
                .unwrap_or_else(|| crate::dossiers::files::Store::default_dir(database_url)),
            args.max_upload_mib * 1024 * 1024,
        )),
        public_cache_bytes: usize::try_from(args.public_cache_mib * 1024 * 1024)
            .unwrap_or(usize::MAX),
    })
}

/// How often the planner's statistics are looked at while the server runs.
const OPTIMIZE_EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// Runs [`db::optimize`] every [`OPTIMIZE_EVERY`], as SQLite advises for a connection that
/// lives long: the data a province enters over a year changes which index serves best.
fn keep_statistics_fresh(writer: sea_orm::DatabaseConnection) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(OPTIMIZE_EVERY);
        every.tick().await;
        loop {
            every.tick().await;
            if let Err(error) = db::optimize(&writer).await {
                tracing::warn!(%error, "planner statistics not refreshed");
            }
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown signal received; finishing requests in flight");
}
