// SPDX-License-Identifier: GPL-2.0
// Hand-written fixture in the style of rust/kernel/ (not kernel code). Expected results are in the
// EXPECT comments: 6 unsafe blocks (4 documented), 3 unsafe fns (2 documented), 2 unsafe impls
// (1 documented), 1 unsafe trait (documented), 1 unsafe extern block, 2 INVARIANT comments.

//! A wrapper around a C refcount. The word unsafe in this module doc is not a site.

use crate::{bindings, types::Opaque};

/// A reference-counted C object.
///
/// # Invariants
///
/// `inner` always points to a live object.
pub struct Ref {
    inner: *mut bindings::refcount_struct,
}

impl Ref {
    /// Creates a new reference from a raw pointer.
    ///
    /// # Safety
    ///
    /// `ptr` must be valid and the caller must own one reference.
    pub unsafe fn from_raw(ptr: *mut bindings::refcount_struct) -> Self { // EXPECT fn documented
        // INVARIANT: the safety requirements guarantee `ptr` is live.
        Self { inner: ptr }
    }

    pub unsafe fn inc(&self) { // EXPECT fn undocumented (line 30)
        // SAFETY: `inner` is live by the type invariant.
        unsafe { bindings::refcount_inc(self.inner) }; // EXPECT block documented
    }

    pub fn get(&self) -> u32 {
        // SAFETY: `inner` is live by the type invariant; the read is atomic.
        let v = unsafe { // EXPECT block documented
            bindings::refcount_read(self.inner)
        };
        v
    }

    pub fn dec(&self) -> bool {
        let s = "unsafe { not a block }";
        unsafe { bindings::refcount_dec_and_test(self.inner) } // EXPECT block undocumented (line 45)
    }
}

// SAFETY: `Ref` only holds a pointer to a refcounted object that any thread may access.
unsafe impl Send for Ref {} // EXPECT impl documented

// Missing the required comment.
unsafe impl Sync for Ref {} // EXPECT impl undocumented (line 53)

/// Objects that can be pinned in place.
///
/// # Safety
///
/// Implementers must never move the object.
pub unsafe trait PinnedObject {} // EXPECT trait documented

unsafe extern "C" { // EXPECT extern block (line 62, no SAFETY comment: not listed, extern blocks are only counted)
    fn rust_helper_refcount_inc(r: *mut bindings::refcount_struct);
}

macro_rules! call_c {
    ($f:ident, $p:expr) => {
        // SAFETY: the macro's callers pass a live pointer.
        unsafe { bindings::$f($p) } // EXPECT block documented
    };
}

#[allow(dead_code)]
fn helpers(p: *mut bindings::refcount_struct) {
    // INVARIANT: nothing to restore here.
    call_c!(refcount_inc, p);
    let _g = Opaque::<u8>::uninit();
    /* SAFETY: `p` is live. */
    unsafe { bindings::refcount_inc(p) }; // EXPECT block documented
    let r: &str = r#"unsafe { "raw" }"#;
    let b = unsafe { core::ptr::read(&p) }; // EXPECT block undocumented (line 81)
}

/// # Safety
///
/// Never call this.
#[no_mangle]
pub unsafe extern "C" fn rust_entry() {} // EXPECT fn documented
