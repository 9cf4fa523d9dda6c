//! A typed client for the Astro Platform API's Workspace endpoints.
//!
//! The crate is a pure core (models, validation, request building, response interpretation,
//! retry policy) that does no I/O and reads no clock, plus a thin WebAssembly edge in
//! [`wasm`] that moves bytes through `fetch`. The core is what native `cargo test` checks;
//! the edge is what the npm package exports.
#![deny(missing_docs)]
// The WASM release build (`--features tiny`) has no `std`: no panic runtime that formats
// messages and locations, only a trap. Everything else is `core` and `alloc`.
#![cfg_attr(all(target_arch = "wasm32", feature = "tiny"), no_std)]

extern crate alloc;

/// The `alloc` names every module uses, so that the crate builds with and without `std`.
mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::boxed::Box;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec;
    pub use alloc::vec::Vec;
}

/// Stops the module on a panic, which the code is written never to reach.
#[cfg(all(target_arch = "wasm32", feature = "tiny"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

pub mod call;
pub mod check;
pub mod config;
pub mod decode;
pub mod error;
pub mod input;
#[cfg(not(all(target_arch = "wasm32", feature = "tiny")))]
pub mod json;
pub mod log;
pub mod model;
pub mod paginate;
pub mod request;
pub mod response;
pub mod retry;
pub mod text;
pub mod timestamp;
pub mod to_json;
pub mod unpack;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::Error;
pub use input::Input;
