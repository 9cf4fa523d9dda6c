//! A typed client for the Astro Platform API's Workspace endpoints.
//!
//! The crate is a pure core (models, validation, request building, response interpretation,
//! retry policy) that does no I/O and reads no clock, plus a thin WebAssembly edge in
//! [`wasm`] that moves bytes through `fetch`. The core is what native `cargo test` checks;
//! the edge is what the npm package exports.
#![deny(missing_docs)]

pub mod call;
pub mod check;
pub mod config;
pub mod decode;
pub mod error;
pub mod input;
pub mod log;
pub mod model;
pub mod paginate;
pub mod request;
pub mod response;
pub mod retry;
pub mod text;
pub mod timestamp;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::Error;
pub use input::Input;
