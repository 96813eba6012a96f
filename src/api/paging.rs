//! Relay connections over any SeaORM query: `first`/`after`, `last`/`before`, `totalCount`.
//!
//! Paging is keyset paging on the row id (ascending), so cursors stay valid and pages stay
//! stable while rows are inserted. `first` defaults to 20; more than 100 is refused.

use std::{future::Future, pin::Pin, sync::Arc};

use async_graphql::{
    connection::{Connection, CursorType, Edge, EmptyFields},
    Object, OutputType,
};
use sea_orm::{
    sea_query::IntoCondition, ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

use super::ids::Cursor;
use crate::{
    access::{Scoped, Seen},
    error::{AppError, AppResult},
};

/// Page size when the client gives neither `first` nor `last`.
pub const DEFAULT_PAGE_SIZE: i32 = 20;
/// The largest page a client may ask for.
pub const MAX_PAGE_SIZE: i32 = 100;

/// The paging arguments of a connection field, as the client sent them.
#[derive(Debug, Default, Clone)]
pub struct PageArgs {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
}

/// A validated page request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    after: Option<i32>,
    before: Option<i32>,
    size: u64,
    from_end: bool,
}

impl PageArgs {
    pub fn new(
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Self {
        PageArgs {
            first,
            after,
            last,
            before,
        }
    }

    /// Checks the arguments: sizes between 0 and [`MAX_PAGE_SIZE`], cursors of ours, not
    /// both `first` and `last`.
    pub fn validate(&self) -> AppResult<PageRequest> {
        let size = |arg: &str, n: i32| {
            if !(0..=MAX_PAGE_SIZE).contains(&n) {
                Err(AppError::bad_input(crate::tr!(
                    "`{arg}` must be between 0 and {MAX_PAGE_SIZE}, got {n}",
                    "`{arg}` phải từ 0 đến {MAX_PAGE_SIZE}, giá trị nhận được là {n}"
                )))
            } else {
                Ok(n as u64)
            }
        };
        let cursor = |arg: &str, c: &Option<String>| -> AppResult<Option<i32>> {
            c.as_deref()
                .map(|s| {
                    Cursor::decode_cursor(s).map(|c| c.0).map_err(|_| {
                        AppError::bad_input(crate::tr!(
                            "`{arg}` is not a valid cursor",
                            "`{arg}` không phải là con trỏ phân trang hợp lệ"
                        ))
                    })
                })
                .transpose()
        };
        let (size, from_end) = match (self.first, self.last) {
            (Some(_), Some(_)) => {
                return Err(AppError::bad_input(crate::tr!(
                    "give `first` or `last`, not both",
                    "chỉ nhập `first` hoặc `last`, không nhập cả hai"
                )))
            }
            (Some(n), None) => (size("first", n)?, false),
            (None, Some(n)) => (size("last", n)?, true),
            (None, None) => (DEFAULT_PAGE_SIZE as u64, false),
        };
        Ok(PageRequest {
            after: cursor("after", &self.after)?,
            before: cursor("before", &self.before)?,
            size,
            from_end,
        })
    }
}

type CountFuture = Pin<Box<dyn Future<Output = Result<u64, DbErr>> + Send>>;

/// The fields a connection has beside its edges.
#[derive(Clone)]
pub struct ConnectionTotals {
    count: Arc<dyn Fn() -> CountFuture + Send + Sync>,
}

#[Object]
impl ConnectionTotals {
    /// The number of items in the whole list (all pages), counted in the database when asked.
    async fn total_count(&self) -> AppResult<i64> {
        let n = (self.count)().await?;
        Ok(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// A Relay connection of `T` with `totalCount`.
pub type Conn<T> = Connection<Cursor, T, ConnectionTotals, EmptyFields>;

/// What a page is read from: a plain query (its rows as they are), or a query restricted to
/// the viewer's scope (`access::Scoped`, its rows as `access::Seen`). Both can only be
/// narrowed here: the page's cursor conditions, order and limit.
pub trait Source: Clone + Send + Sync + 'static {
    type Entity: EntityTrait;
    type Row: Send;
    fn filter(self, condition: Condition) -> Self;
    fn order_by(self, column: <Self::Entity as EntityTrait>::Column, descending: bool) -> Self;
    fn limit(self, limit: u64) -> Self;
    fn count(self, db: DatabaseConnection) -> impl Future<Output = Result<u64, DbErr>> + Send;
    fn rows(
        self,
        db: &DatabaseConnection,
    ) -> impl Future<Output = Result<Vec<Self::Row>, DbErr>> + Send;
}

impl<E> Source for Select<E>
where
    E: EntityTrait,
    E::Model: Send + Sync,
{
    type Entity = E;
    type Row = E::Model;
    fn filter(self, condition: Condition) -> Self {
        QueryFilter::filter(self, condition)
    }
    fn order_by(self, column: E::Column, descending: bool) -> Self {
        if descending {
            self.order_by_desc(column)
        } else {
            self.order_by_asc(column)
        }
    }
    fn limit(self, limit: u64) -> Self {
        QuerySelect::limit(self, limit)
    }
    async fn count(self, db: DatabaseConnection) -> Result<u64, DbErr> {
        PaginatorTrait::count(self, &db).await
    }
    async fn rows(self, db: &DatabaseConnection) -> Result<Vec<E::Model>, DbErr> {
        self.all(db).await
    }
}

impl<E> Source for Scoped<E>
where
    E: EntityTrait,
    E::Model: Send + Sync,
{
    type Entity = E;
    type Row = Seen<E::Model>;
    fn filter(self, condition: Condition) -> Self {
        Scoped::filter(self, condition)
    }
    fn order_by(self, column: E::Column, descending: bool) -> Self {
        if descending {
            self.order_by_desc(column)
        } else {
            self.order_by_asc(column)
        }
    }
    fn limit(self, limit: u64) -> Self {
        Scoped::limit(self, limit)
    }
    async fn count(self, db: DatabaseConnection) -> Result<u64, DbErr> {
        Scoped::count(self, &db).await
    }
    async fn rows(self, db: &DatabaseConnection) -> Result<Vec<Seen<E::Model>>, DbErr> {
        self.all(db).await
    }
}

/// Reads one page of a connection from `source` (already filtered by the caller, and by the
/// viewer's scope where rows are persons, awards, registrations or nominations): one
/// statement for the page, and one more only if `totalCount` is asked.
pub async fn fetch_page<S, T>(
    db: &DatabaseConnection,
    source: S,
    id_column: <S::Entity as EntityTrait>::Column,
    id_of: impl Fn(&S::Row) -> i32,
    to_node: impl Fn(S::Row) -> T,
    page: PageRequest,
) -> AppResult<Conn<T>>
where
    S: Source,
    T: OutputType,
{
    let counter = {
        let db = db.clone();
        let source = source.clone();
        ConnectionTotals {
            count: Arc::new(move || {
                let db = db.clone();
                let source = source.clone();
                Box::pin(source.count(db))
            }),
        }
    };

    let mut query = source;
    if let Some(after) = page.after {
        query = query.filter(id_column.gt(after).into_condition());
    }
    if let Some(before) = page.before {
        query = query.filter(id_column.lt(before).into_condition());
    }
    query = query.order_by(id_column, page.from_end);
    let mut rows = query.limit(page.size + 1).rows(db).await?;
    let has_more = rows.len() as u64 > page.size;
    rows.truncate(page.size as usize);
    if page.from_end {
        rows.reverse();
    }
    let (has_previous_page, has_next_page) = if page.from_end {
        (has_more, page.before.is_some())
    } else {
        (page.after.is_some(), has_more)
    };

    let mut connection =
        Connection::with_additional_fields(has_previous_page, has_next_page, counter);
    connection.edges.extend(
        rows.into_iter()
            .map(|row| Edge::new(Cursor(id_of(&row)), to_node(row))),
    );
    Ok(connection)
}

/// The complexity of a connection field: its children count once per requested item, so a
/// page of 100 costs a hundred times what a single item costs.
pub fn complexity(first: Option<i32>, last: Option<i32>, child_complexity: usize) -> usize {
    let size = first
        .or(last)
        .unwrap_or(DEFAULT_PAGE_SIZE)
        .clamp(1, MAX_PAGE_SIZE) as usize;
    size.saturating_mul(child_complexity).saturating_add(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn first_defaults_to_twenty() {
        let page = PageArgs::default().validate().unwrap();
        assert_eq!(page.size, 20);
        assert!(!page.from_end);
    }

    #[test]
    fn more_than_a_hundred_is_refused() {
        let err = PageArgs::new(Some(101), None, None, None)
            .validate()
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::BadUserInput);
        let err = PageArgs::new(None, None, Some(500), None)
            .validate()
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::BadUserInput);
        assert!(PageArgs::new(Some(100), None, None, None)
            .validate()
            .is_ok());
    }

    #[test]
    fn negative_sizes_and_foreign_cursors_are_refused() {
        assert!(PageArgs::new(Some(-1), None, None, None)
            .validate()
            .is_err());
        assert!(PageArgs::new(None, Some("xyz".into()), None, None)
            .validate()
            .is_err());
        assert!(PageArgs::new(Some(1), None, Some(1), None)
            .validate()
            .is_err());
    }
}
