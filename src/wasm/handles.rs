//! The plans in progress, held here and named to JS by a number (a handle) instead of a
//! wasm-bindgen class object: a call's plan costs no JS wrapper, no `FinalizationRegistry`
//! entry and no reference-counted cell. The JS driver (`js/driver.js` `run`) passes the handle
//! back at each step and frees it when the call ends.
//!
//! A handle is a slot's index and the slot's generation, which moves on when the slot is freed,
//! so a handle used after its plan was freed, or one never given out, finds no plan: the
//! exports then throw an `AstroError`, and never reach another call's plan. A slot whose
//! generation has run out is never used again.

#[allow(unused_imports)]
use crate::prelude::*;

use core::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::wasm::errors::astro_error;
use crate::wasm::plan::Plan;

/// How many slots there can be: the low 21 bits of a handle (2,097,152 calls at once); the
/// generation is the 32 bits above them, so every handle is a whole number below `2^53`.
const SLOT_BITS: u32 = 21;
const SLOTS: u32 = 1 << SLOT_BITS;

/// One slot: the plan it holds, if any, and its generation.
struct Slot {
    generation: u32,
    /// `None` while free, or while one of the exports below has the plan out. Boxed, so that
    /// taking it out and putting it back moves a pointer.
    plan: Option<Box<Plan>>,
    /// Given out and not yet freed.
    live: bool,
}

/// Every slot, and the free ones to use first.
struct Slab {
    slots: Vec<Slot>,
    free: Vec<u32>,
}

/// The slab, reached only through [`with_slab`].
struct Global(RefCell<Slab>);

// SAFETY: this module is built only for `wasm32` without the `atomics` feature (see
// `src/wasm/mod.rs`), where there is one thread: nothing is ever shared between threads.
unsafe impl Sync for Global {}

static SLAB: Global = Global(RefCell::new(Slab {
    slots: Vec::new(),
    free: Vec::new(),
}));

/// Runs `f` on the slab; `None` if it is already in use (which no path here allows: no JS
/// runs while it is borrowed).
fn with_slab<T>(f: impl FnOnce(&mut Slab) -> Option<T>) -> Option<T> {
    f(&mut *SLAB.0.try_borrow_mut().ok()?)
}

/// The slot and generation a handle names, if it is a handle's shape: a whole number from 0
/// to `2^53` (`as` saturates, and NaN reads as 0, so the round trip checks both).
fn split(handle: f64) -> Option<(usize, u32)> {
    let whole = handle as u64;
    if whole as f64 != handle || whole >> (SLOT_BITS + 32) != 0 {
        return None;
    }
    let index = (whole & u64::from(SLOTS - 1)) as usize;
    Some((index, (whole >> SLOT_BITS) as u32))
}

/// Holds `plan` and returns its handle; `None` when every slot is taken.
#[inline(never)]
pub fn put(plan: Box<Plan>) -> Option<f64> {
    with_slab(|slab| {
        let index = match slab.free.pop() {
            Some(index) => index,
            None if (slab.slots.len() as u32) < SLOTS => {
                slab.slots.push(Slot {
                    generation: 0,
                    plan: None,
                    live: false,
                });
                slab.slots.len() as u32 - 1
            }
            None => return None,
        };
        let slot = slab.slots.get_mut(index as usize)?;
        slot.plan = Some(plan);
        slot.live = true;
        Some(((u64::from(slot.generation) << SLOT_BITS) | u64::from(index)) as f64)
    })
}

/// Takes the plan `handle` names out of its slot (which stays given out); `None` if the handle
/// names no plan, or its plan is out already.
#[inline(never)]
fn take(handle: f64) -> Option<Box<Plan>> {
    let (index, generation) = split(handle)?;
    with_slab(|slab| {
        let slot = slab.slots.get_mut(index)?;
        if slot.generation == generation && slot.live {
            slot.plan.take()
        } else {
            None
        }
    })
}

/// Puts a plan [`take`] took back in its slot, unless the handle was freed meanwhile: then
/// the plan is dropped here.
#[inline(never)]
fn restore(handle: f64, plan: Box<Plan>) {
    let Some((index, generation)) = split(handle) else {
        return;
    };
    let _ = with_slab(|slab| {
        let slot = slab.slots.get_mut(index)?;
        if slot.generation == generation && slot.live {
            slot.plan = Some(plan);
            return None;
        }
        Some(plan)
    });
}

/// Runs `f` on the plan `handle` names, taken out of the slab while `f` runs (so `f` may call
/// JS, which may start or free other calls); `None` if the handle names no plan.
fn with_plan<T>(handle: f64, f: impl FnOnce(&mut Plan) -> T) -> Option<T> {
    let mut plan = take(handle)?;
    let out = f(&mut plan);
    restore(handle, plan);
    Some(out)
}

/// Frees the plan `handle` names; a handle that names none is ignored.
pub fn free(handle: f64) {
    let Some((index, generation)) = split(handle) else {
        return;
    };
    // Dropped once the slab is no longer borrowed.
    let _plan = with_slab(|slab| {
        let slot = slab.slots.get_mut(index)?;
        if slot.generation != generation || !slot.live {
            return None;
        }
        slot.live = false;
        let plan = slot.plan.take();
        // A slot whose generation has run out is retired: its handles are never given again.
        if let Some(next) = slot.generation.checked_add(1) {
            slot.generation = next;
            slab.free.push(index as u32);
        }
        plan
    });
}

/// The error for a handle that names no plan in progress.
#[inline(never)]
fn gone() -> JsValue {
    astro_error("astro-platform: this call is not in progress")
}

/// Runs `f` on the plan `handle` names, or throws [`gone`].
fn on<T>(handle: f64, f: impl FnOnce(&mut Plan) -> T) -> Result<T, JsValue> {
    with_plan(handle, f).ok_or_else(gone)
}

/// [`Plan::request`] of the plan `handle` names.
#[wasm_bindgen(js_name = planRequest, skip_typescript)]
pub fn plan_request(handle: f64) -> Result<String, JsValue> {
    on(handle, |p| p.request())
}

/// [`Plan::settle`] of the plan `handle` names.
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen(js_name = planSettle, skip_typescript)]
pub fn plan_settle(
    handle: f64,
    status: f64,
    body: Option<Vec<u8>>,
    request_id: Option<String>,
    retry_after: Option<String>,
    retry_after_ms: Option<String>,
    location: Option<String>,
    now_ms: f64,
    random: f64,
) -> Result<f64, JsValue> {
    on(handle, |p| {
        p.settle(
            status,
            body,
            request_id,
            retry_after,
            retry_after_ms,
            location,
            now_ms,
            random,
        )
    })
}

/// [`Plan::fail`] of the plan `handle` names.
#[wasm_bindgen(js_name = planFail, skip_typescript)]
pub fn plan_fail(
    handle: f64,
    kind: u8,
    message: Option<String>,
    detail: Option<String>,
    random: f64,
) -> Result<f64, JsValue> {
    on(handle, |p| p.fail(kind, message, detail, random))
}

/// [`Plan::output`] of the plan `handle` names.
#[wasm_bindgen(js_name = planOutput, skip_typescript)]
pub fn plan_output(handle: f64) -> Result<String, JsValue> {
    on(handle, |p| p.output())
}

/// [`Plan::error`] of the plan `handle` names: the error to throw.
#[wasm_bindgen(js_name = planError, skip_typescript)]
pub fn plan_error(handle: f64, cause: JsValue) -> JsValue {
    with_plan(handle, |p| p.error(cause)).unwrap_or_else(gone)
}

/// [`Plan::aborted`] of the plan `handle` names: the error to throw.
#[wasm_bindgen(js_name = planAborted, skip_typescript)]
pub fn plan_aborted(handle: f64) -> JsValue {
    with_plan(handle, |p| p.aborted()).unwrap_or_else(gone)
}

/// [`Plan::log_event`] of the plan `handle` names.
#[wasm_bindgen(js_name = planLogEvent, skip_typescript)]
pub fn plan_log_event(handle: f64, duration_ms: f64) -> Result<String, JsValue> {
    on(handle, |p| p.log_event(duration_ms))
}

/// Frees the plan `handle` names (see [`free`]).
#[wasm_bindgen(js_name = planFree, skip_typescript)]
pub fn plan_free(handle: f64) {
    free(handle)
}

/// Holds a new plan, or throws when too many calls are in progress.
pub fn hold(plan: Result<Plan, JsValue>) -> Result<f64, JsValue> {
    put(Box::new(plan?)).ok_or_else(|| astro_error("astro-platform: too many calls in progress"))
}
