//! Terms (nhiệm kỳ, khóa) and emulation periods (giai đoạn thi đua): the frames in which
//! committees are elected and emulation is reviewed.

pub mod graphql;
