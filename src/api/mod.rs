//! The GraphQL API: schema, scalars, global IDs, paging, batch loaders, and the error
//! boundary. The domain's own types live in their modules (`organisation`, `terms`,
//! `awards`); this module only assembles them.

pub mod context;
pub mod document;
pub mod errors;
pub mod ids;
pub mod inputs;
pub mod limits;
pub mod loaders;
pub mod node;
pub mod paging;
pub mod scalars;
pub mod schema;
pub mod user_errors;

pub use schema::{build_schema, build_schema_with, sdl, ThiduaSchema};
