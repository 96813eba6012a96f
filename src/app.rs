//! Building and running the application: the same router for production and for tests.

use axum::Router;
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

use crate::{
    api::build_schema,
    awards::live::NominationEvents,
    cli::ServeArgs,
    clusters::live::RankingEvents,
    db, demo,
    identity::{Environment, Identity, IdentityConfig},
    web::{self, AppState},
};

/// The application's router over `db` (already prepared), with `identity`'s keys.
pub fn router(db: DatabaseConnection, identity: Identity) -> Router {
    web::router(AppState {
        schema: build_schema(),
        db,
        identity,
        events: RankingEvents::default(),
        nomination_events: NominationEvents::default(),
    })
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
    let db = db::connect(database_url).await?;
    db::prepare(&db).await?;
    if environment == Environment::Development && !args.no_demo && demo::is_empty(&db).await? {
        demo::seed(&db).await?;
        tracing::info!("empty database: demo province loaded");
    }
    let listener = TcpListener::bind(args.bind).await?;
    let address = listener.local_addr()?;
    tracing::info!(
        database = %db::redacted(database_url),
        "thidua listening; GraphiQL at http://{address}/graphql"
    );
    axum::serve(listener, router(db.clone(), identity))
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    db.close().await?;
    tracing::info!("thidua stopped");
    Ok(())
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
