package dev.oxmeter.cli;

import static dev.oxmeter.source.TestRepos.snapshot;

import dev.oxmeter.source.TestRepos;
import java.nio.file.Path;

/**
 * A kernel-shaped history whose every object id is fixed (commit, author and tag dates and identities are given),
 * for the golden outputs: C from the start, Rust from v1.1 (the kernel crate, C helpers, a PHY driver, vendored
 * and generated Rust), a Nova-like driver merged from a side branch for v1.2, MAINTAINERS with F:, X: and N:
 * entries, a .mailmap folding an old address, and trailers (Signed-off-by, Co-developed-by, Reviewed-by,
 * Acked-by, Reported-by, Fixes:).
 */
final class KernelFixture {
    static final String DENNIS = "Dennis Ritchie";
    static final String DENNIS_MAIL = "dmr@example.org";

    private KernelFixture() {
    }

    static final String MAINTAINERS = """
            List of maintainers
            ===================

            Descriptions of section entries and preferred order
            ---------------------------------------------------

            \tM: *Mail* patches to: FullName <address@domain>
            \tF: *Files* and directories wildcard patterns.

            Maintainers List
            ----------------

            CORE DRIVER FOR NVIDIA GPUS [RUST]
            M:\tAlan Turing <alan@example.org>
            R:\tEdsger Dijkstra <ewd@example.org>
            L:\tnouveau@lists.example.org
            S:\tSupported
            F:\tdrivers/gpu/nova-core/

            ETHERNET PHY LIBRARY
            M:\tKen Thompson <ken@example.org>
            L:\tnetdev@vger.example.org
            S:\tMaintained
            F:\tdrivers/net/phy/
            X:\tdrivers/net/phy/ax88796b_rust.rs

            ASIX PHY DRIVER [RUST]
            M:\tAlan Turing <alan@example.org>
            S:\tMaintained
            F:\tdrivers/net/phy/ax88796b_rust.rs

            RUST
            M:\tAda Lovelace <ada@example.org>
            R:\tGrace Hopper <grace@example.org>
            L:\trust-for-linux@vger.example.org
            S:\tSupported
            F:\trust/
            K:\t\\b(?i:rust)\\b

            RUST [SYNC]
            M:\tBarbara Liskov <liskov@example.org>
            S:\tMaintained
            N:\tsync\\.rs$

            SCHEDULER
            M:\tKen Thompson <ken@example.org>
            S:\tMaintained
            F:\tkernel/sched/
            F:\tinclude/linux/sched.h

            THE REST
            M:\tDennis Ritchie <dmr@example.org>
            S:\tBuried alive in reporters
            F:\t*
            F:\t*/
            """;

    static final String MAILMAP = """
            Alan Turing <alan@example.org> A. Turing <turing@old.example.org>
            Grace Hopper <grace@example.org> <grace.hopper@navy.example.mil>
            """;

    static final String MAIN_C = """
            // SPDX-License-Identifier: GPL-2.0-only
            /*
             *  linux/init/main.c
             */

            #include <linux/sched.h>
            #include <linux/mutex.h>

            static int __init do_basic_setup(void)
            {
            \t/* drivers first, then the rest */
            \tdriver_init();
            \treturn 0;
            }

            void start_kernel(void)
            {
            \tsched_init();
            \tdo_basic_setup();
            }
            """;

    static final String SCHED_V1 = """
            // SPDX-License-Identifier: GPL-2.0-only
            #include <linux/sched.h>

            void sched_init(void)
            {
            \tinit_idle();
            }

            int wake_up_process(struct task_struct *p)
            {
            \treturn try_to_wake_up(p, TASK_NORMAL, 0);
            }
            """;

    static final String SCHED_V2 = """
            // SPDX-License-Identifier: GPL-2.0-only
            #include <linux/sched.h>

            void sched_init(void)
            {
            \tinit_idle();
            }

            int wake_up_process(struct task_struct *p)
            {
            \t/* a task already running needs no wake-up */
            \tif (task_is_running(p))
            \t\treturn 0;
            \treturn try_to_wake_up(p, TASK_NORMAL, 0);
            }
            """;

    static final String SCHED_V3 = """
            // SPDX-License-Identifier: GPL-2.0-only
            #include <linux/sched.h>

            void sched_init(void)
            {
            \tinit_idle();
            }

            int wake_up_process(struct task_struct *p)
            {
            \t/* a task already running needs no wake-up, unless it is being migrated */
            \tif (task_is_running(p) && !task_on_rq_migrating(p))
            \t\treturn 0;
            \treturn try_to_wake_up(p, TASK_NORMAL, 0);
            }
            """;

    static final String SCHED_H = """
            /* SPDX-License-Identifier: GPL-2.0 */
            #ifndef _LINUX_SCHED_H
            #define _LINUX_SCHED_H

            struct task_struct {
            \tint state;
            \tint on_rq;
            };

            void sched_init(void);
            int wake_up_process(struct task_struct *p);

            #endif
            """;

    static final String MUTEX_H = """
            /* SPDX-License-Identifier: GPL-2.0 */
            #ifndef _LINUX_MUTEX_H
            #define _LINUX_MUTEX_H

            struct mutex {
            \tlong owner;
            };

            static inline void mutex_lock(struct mutex *lock) { }
            static inline void mutex_unlock(struct mutex *lock) { }

            #endif
            """;

    static final String PHY_C = """
            // SPDX-License-Identifier: GPL-2.0+
            /* Framework for finding and configuring PHYs. */
            #include <linux/phy.h>

            int phy_start(struct phy_device *phydev)
            {
            \tif (!phydev)
            \t\treturn -EINVAL;
            \tphydev->state = PHY_UP;
            \treturn 0;
            }
            """;

    static final String PHY_KCONFIG_V1 = """
            # SPDX-License-Identifier: GPL-2.0-only
            menuconfig PHYLIB
            \ttristate "PHY Device support and infrastructure"
            """;

    static final String PHY_KCONFIG_V2 = PHY_KCONFIG_V1 + """

            config AX88796B_RUST_PHY
            \tbool "Rust reference driver for Asix PHYs"
            \tdepends on RUST_PHYLIB_ABSTRACTIONS && AX88796B_PHY
            """;

    static final String MIN_TOOL_V1 = """
            #!/bin/sh
            # SPDX-License-Identifier: GPL-2.0
            # Print the minimum supported version of the given tool.
            case "$1" in
            binutils)
            \techo 2.25.0
            \t;;
            gcc)
            \techo 5.1.0
            \t;;
            *)
            \techo "$1: unknown tool" >&2
            \texit 1
            \t;;
            esac
            """;

    static final String MIN_TOOL_V2 = """
            #!/bin/sh
            # SPDX-License-Identifier: GPL-2.0
            # Print the minimum supported version of the given tool.
            case "$1" in
            binutils)
            \techo 2.25.0
            \t;;
            gcc)
            \techo 5.1.0
            \t;;
            rustc)
            \techo 1.78.0
            \t;;
            bindgen)
            \techo 0.65.1
            \t;;
            *)
            \techo "$1: unknown tool" >&2
            \texit 1
            \t;;
            esac
            """;

    static final String MIN_TOOL_V3 = """
            #!/bin/sh
            # SPDX-License-Identifier: GPL-2.0
            # Print the minimum supported version of the given tool.
            case "$1" in
            binutils)
            \techo 2.25.0
            \t;;
            gcc)
            \techo 8.1.0
            \t;;
            rustc)
            \tif [ "$SRCARCH" = "s390" ]; then
            \t\techo 1.96.0
            \telse
            \t\techo 1.85.0
            \tfi
            \t;;
            bindgen)
            \techo 0.65.1
            \t;;
            *)
            \techo "$1: unknown tool" >&2
            \texit 1
            \t;;
            esac
            """;

    static final String LIB_RS = """
            // SPDX-License-Identifier: GPL-2.0

            //! The `kernel` crate.
            //!
            //! This crate contains the kernel APIs that have been ported or wrapped for usage by Rust code.

            #![no_std]

            pub mod sync;

            /// Prints a message to the kernel log; "unsafe" in this string is not code.
            pub fn pr_info(msg: &str) {
                // SAFETY: `msg` is valid for its length and `_printk` copies it.
                unsafe { bindings::_printk(msg.as_ptr(), msg.len()) };
            }

            /// Returns the current task's id.
            pub fn current_pid() -> i32 {
                unsafe { bindings::get_current_pid() }
            }
            """;

    static final String SYNC_V1 = """
            // SPDX-License-Identifier: GPL-2.0

            //! Synchronisation primitives.

            /// A mutual exclusion primitive wrapping the C `struct mutex`.
            pub struct Mutex {
                inner: bindings::mutex,
            }

            impl Mutex {
                /// Locks the mutex.
                pub fn lock(&self) {
                    // SAFETY: `inner` is a valid, initialised mutex for the lifetime of `self`.
                    unsafe { bindings::mutex_lock(&self.inner as *const _ as *mut _) };
                }
            }
            """;

    static final String SYNC_V2 = """
            // SPDX-License-Identifier: GPL-2.0

            //! Synchronisation primitives.

            /// A mutual exclusion primitive wrapping the C `struct mutex`.
            pub struct Mutex {
                inner: bindings::mutex,
            }

            impl Mutex {
                /// Locks the mutex.
                pub fn lock(&self) {
                    // SAFETY: `inner` is a valid, initialised mutex for the lifetime of `self`.
                    unsafe { bindings::mutex_lock(&self.inner as *const _ as *mut _) };
                }

                /// Unlocks the mutex.
                ///
                /// # Safety
                ///
                /// The caller must hold the lock.
                pub unsafe fn unlock(&self) {
                    // SAFETY: the caller holds the lock, as this function's contract requires.
                    unsafe { bindings::mutex_unlock(&self.inner as *const _ as *mut _) };
                }

                /// Returns the raw pointer to the C mutex.
                pub unsafe fn raw(&self) -> *mut bindings::mutex {
                    unsafe { &self.inner as *const _ as *mut _ }
                }
            }

            unsafe impl Send for Mutex {}

            // SAFETY: the C mutex may be locked from any thread.
            unsafe impl Sync for Mutex {}

            /// A type whose implementors can be locked.
            ///
            /// # Safety
            ///
            /// Implementors must release the lock when the guard is dropped.
            pub unsafe trait Lockable {}
            """;

    static final String SYNC_V3 = """
            // SPDX-License-Identifier: GPL-2.0

            //! Synchronisation primitives.

            /// A mutual exclusion primitive wrapping the C `struct mutex`.
            pub struct Mutex {
                inner: bindings::mutex,
            }

            impl Mutex {
                /// Locks the mutex.
                pub fn lock(&self) {
                    // SAFETY: `inner` is a valid, initialised mutex for the lifetime of `self`.
                    unsafe { bindings::mutex_lock(&self.inner as *const _ as *mut _) };
                }

                /// Unlocks the mutex.
                ///
                /// # Safety
                ///
                /// The caller must hold the lock.
                pub unsafe fn unlock(&self) {
                    // SAFETY: the caller holds the lock, as this function's contract requires.
                    unsafe { bindings::mutex_unlock(&self.inner as *const _ as *mut _) };
                }

                /// Returns the raw pointer to the C mutex.
                ///
                /// # Safety
                ///
                /// The pointer must not outlive `self`.
                pub unsafe fn raw(&self) -> *mut bindings::mutex {
                    // SAFETY: taking the address of a field is always sound.
                    unsafe { &self.inner as *const _ as *mut _ }
                }
            }

            // SAFETY: the C mutex is not bound to the thread that created it.
            unsafe impl Send for Mutex {}

            // SAFETY: the C mutex may be locked from any thread.
            unsafe impl Sync for Mutex {}

            /// A type whose implementors can be locked.
            ///
            /// # Safety
            ///
            /// Implementors must release the lock when the guard is dropped.
            pub unsafe trait Lockable {}
            """;

    static final String HELPERS_C_V1 = """
            // SPDX-License-Identifier: GPL-2.0
            /*
             * Non-trivial C macros cannot be used in Rust. Similarly, inlined C functions
             * cannot be called either. This file explicitly creates functions ("helpers")
             * that wrap those so that they can be called from Rust.
             */

            #include "mutex.c"
            """;

    static final String HELPERS_C_V2 = HELPERS_C_V1 + "#include \"refcount.c\"\n";

    static final String MUTEX_HELPERS_V1 = """
            // SPDX-License-Identifier: GPL-2.0

            #include <linux/mutex.h>

            void rust_helper_mutex_lock(struct mutex *lock)
            {
            \tmutex_lock(lock);
            }

            void rust_helper_mutex_unlock(struct mutex *lock)
            {
            \tmutex_unlock(lock);
            }

            int rust_helper_get_current_pid(void)
            {
            \treturn current->pid;
            }
            """;

    static final String MUTEX_HELPERS_V2 = """
            // SPDX-License-Identifier: GPL-2.0

            #include <linux/mutex.h>

            __rust_helper void rust_helper_mutex_lock(struct mutex *lock)
            {
            \tmutex_lock(lock);
            }

            __rust_helper
            void rust_helper_mutex_unlock(struct mutex *lock)
            {
            \tmutex_unlock(lock);
            }

            int rust_helper_get_current_pid(void)
            {
            \treturn current->pid;
            }
            """;

    static final String REFCOUNT_HELPERS = """
            // SPDX-License-Identifier: GPL-2.0

            #include <linux/refcount.h>

            __rust_helper int
            rust_helper_refcount_read(const refcount_t *r)
            {
            \treturn refcount_read(r);
            }

            void rust_helper_refcount_inc(refcount_t *r)
            {
            \trefcount_inc(r);
            }
            """;

    static final String BINDINGS_HELPER_H = """
            /* SPDX-License-Identifier: GPL-2.0 */
            /*
             * Header that contains the code (mostly headers) for which Rust bindings
             * will be automatically generated by `bindgen`.
             */

            #include <linux/mutex.h>
            #include <linux/sched.h>
            """;

    static final String BINDINGS_GENERATED = """
            /* automatically generated by rust-bindgen 0.65.1 */

            #[repr(C)]
            pub struct mutex {
                pub owner: core::ffi::c_long,
            }
            extern "C" {
                pub fn mutex_lock(lock: *mut mutex);
                pub fn mutex_unlock(lock: *mut mutex);
                pub fn get_current_pid() -> core::ffi::c_int;
                pub fn _printk(fmt: *const u8, len: usize) -> core::ffi::c_int;
            }
            """;

    static final String SYN_LIB = """
            //! Parser for Rust source code (a vendored copy).

            pub mod parse {
                pub fn parse(input: &str) -> usize {
                    unsafe { input.as_bytes().get_unchecked(0).clone() as usize }
                }
            }
            """;

    static final String AX88796B = """
            // SPDX-License-Identifier: GPL-2.0
            // Copyright (C) 2023 The kernel authors.

            //! Rust Asix PHYs driver.

            use kernel::prelude::*;
            use kernel::net::phy::{self, DeviceId, Driver};

            kernel::module_phy_driver! {
                drivers: [PhyAX88772A],
                name: "rust_asix_phy",
            }

            struct PhyAX88772A;

            impl Driver for PhyAX88772A {
                const NAME: &'static CStr = c_str!("Asix Electronics AX88772A");

                fn soft_reset(dev: &mut phy::Device) -> Result {
                    // SAFETY: `dev` is a valid PHY device for the duration of the call.
                    let ret = unsafe { bindings::genphy_soft_reset(dev.as_ptr()) };
                    if ret < 0 {
                        return Err(Error::from_errno(ret));
                    }
                    Ok(())
                }
            }
            """;

    static final String NOVA_DRIVER = """
            // SPDX-License-Identifier: GPL-2.0

            use kernel::{pci, prelude::*};

            use crate::gpu::Gpu;

            pub(crate) struct NovaCore {
                pub(crate) gpu: Gpu,
            }

            impl pci::Driver for NovaCore {
                fn probe(pdev: &mut pci::Device) -> Result<Pin<KBox<Self>>> {
                    pdev.enable_device_mem()?;
                    let bar = unsafe { bindings::pci_iomap(pdev.as_raw(), 0, 0) };
                    let gpu = Gpu::new(bar)?;
                    Ok(KBox::pin(Self { gpu }, GFP_KERNEL)?)
                }
            }
            """;

    static final String NOVA_GPU = """
            // SPDX-License-Identifier: GPL-2.0

            /* The GPU: its BAR and the chipset read from it. */
            pub(crate) struct Gpu {
                bar: *mut core::ffi::c_void,
            }

            impl Gpu {
                pub(crate) fn new(bar: *mut core::ffi::c_void) -> Result<Self> {
                    Ok(Self { bar })
                }

                /// Reads the boot register.
                pub(crate) fn boot0(&self) -> u32 {
                    // SAFETY: `bar` maps at least the first page of BAR0 while `self` lives.
                    unsafe { core::ptr::read_volatile(self.bar as *const u32) }
                }
            }

            #[no_mangle]
            pub extern "C" fn nova_core_version() -> u32 {
                1
            }
            """;

    static final String NOVA_KCONFIG = """
            config NOVA_CORE
            \ttristate "Nova Core GPU driver"
            \tdepends on PCI && RUST
            """;

    static final String README = """
            Linux kernel
            ============

            There are several guides for kernel developers and users.
            """;

    static final String MAKEFILE = """
            # SPDX-License-Identifier: GPL-2.0
            VERSION = 1
            PATCHLEVEL = 0

            all: vmlinux
            """;

    /** The base of every commit: the C tree as of v1.0. */
    private static TestRepos.Snapshot base() {
        return snapshot().file("README", README).file("Makefile", MAKEFILE).file("MAINTAINERS", MAINTAINERS)
                .file(".mailmap", MAILMAP).file("init/main.c", MAIN_C).file("include/linux/sched.h", SCHED_H)
                .file("include/linux/mutex.h", MUTEX_H).file("drivers/net/phy/phy.c", PHY_C)
                .file("drivers/net/phy/Kconfig", PHY_KCONFIG_V1).file("scripts/min-tool-version.sh", MIN_TOOL_V1)
                .file("kernel/sched/core.c", SCHED_V1);
    }

    private static TestRepos.Snapshot rust(TestRepos.Snapshot s) {
        return s.file("rust/kernel/lib.rs", LIB_RS).file("rust/kernel/sync.rs", SYNC_V1)
                .file("rust/helpers/helpers.c", HELPERS_C_V1).file("rust/helpers/mutex.c", MUTEX_HELPERS_V1)
                .file("rust/bindings/bindings_helper.h", BINDINGS_HELPER_H)
                .file("rust/bindings/bindings_generated.rs", BINDINGS_GENERATED).file("rust/syn/lib.rs", SYN_LIB)
                .file("scripts/min-tool-version.sh", MIN_TOOL_V2);
    }

    static void create(Path dir) throws Exception {
        try (TestRepos t = TestRepos.bare(dir)) {
            t.commit(base().file("kernel/sched/core.c", SCHED_V1).author(DENNIS, DENNIS_MAIL)
                    .message("Initial import\n\nSigned-off-by: Dennis Ritchie <dmr@example.org>\n")
                    .at("2024-01-02T10:00:00Z"));
            String wakeup = t.commit(base().file("kernel/sched/core.c", SCHED_V2)
                    .author("Ken Thompson", "ken@example.org").message("""
                            sched: skip the wake-up of a running task

                            Reviewed-by: Dennis Ritchie <dmr@example.org>
                            Signed-off-by: Ken Thompson <ken@example.org>
                            """).at("2024-01-05T09:30:00Z"));
            t.tag("v1.0", DENNIS, DENNIS_MAIL, "2024-01-07T18:00:00Z", "Linux 1.0\n");

            TestRepos.Snapshot v11 = rust(base().file("kernel/sched/core.c", SCHED_V2));
            t.commit(v11.author("Ada Lovelace", "ada@example.org").message("""
                    rust: add initial support

                    The kernel crate, C helpers for inline functions and the bindings.

                    Co-developed-by: Grace Hopper <grace.hopper@navy.example.mil>
                    Signed-off-by: Grace Hopper <grace.hopper@navy.example.mil>
                    Signed-off-by: Ada Lovelace <ada@example.org>
                    """).at("2024-02-01T12:00:00Z"));
            v11 = rust(base().file("kernel/sched/core.c", SCHED_V2)).file("drivers/net/phy/Kconfig", PHY_KCONFIG_V2)
                    .file("drivers/net/phy/ax88796b_rust.rs", AX88796B);
            t.commit(v11.author("A. Turing", "turing@old.example.org").message("""
                    net: phy: add Rust Asix PHY driver

                    Acked-by: Ada Lovelace <ada@example.org>
                    Signed-off-by: A. Turing <turing@old.example.org>
                    """).at("2024-02-10T15:20:00Z"));
            String lock = t.commit(v11.file("rust/kernel/sync.rs", SYNC_V2).author("Barbara Liskov",
                    "liskov@example.org").message("""
                            rust: sync: add unlock, raw access and Send/Sync

                            Reviewed-by: Alan Turing <alan@example.org>
                            Signed-off-by: Barbara Liskov <liskov@example.org>
                            """).at("2024-02-20T08:45:00Z"));
            t.tag("v1.1", DENNIS, DENNIS_MAIL, "2024-03-01T18:00:00Z", "Linux 1.1\n");

            TestRepos.Snapshot helpers = rust(base().file("kernel/sched/core.c", SCHED_V2))
                    .file("drivers/net/phy/Kconfig", PHY_KCONFIG_V2).file("drivers/net/phy/ax88796b_rust.rs", AX88796B)
                    .file("rust/kernel/sync.rs", SYNC_V2).file("rust/helpers/helpers.c", HELPERS_C_V2)
                    .file("rust/helpers/mutex.c", MUTEX_HELPERS_V2).file("rust/helpers/refcount.c", REFCOUNT_HELPERS)
                    .file("scripts/min-tool-version.sh", MIN_TOOL_V3);
            String annotated = t.commit(helpers.author("Grace Hopper", "grace@example.org").message("""
                    rust: helpers: annotate with __rust_helper, add refcount helpers

                    Signed-off-by: Grace Hopper <grace@example.org>
                    """).at("2024-03-10T11:00:00Z"));
            // the Nova driver is written on a side branch from the annotated helpers and merged
            TestRepos.Snapshot nova = rust(base().file("kernel/sched/core.c", SCHED_V2))
                    .file("drivers/net/phy/Kconfig", PHY_KCONFIG_V2).file("drivers/net/phy/ax88796b_rust.rs", AX88796B)
                    .file("rust/kernel/sync.rs", SYNC_V2).file("rust/helpers/helpers.c", HELPERS_C_V2)
                    .file("rust/helpers/mutex.c", MUTEX_HELPERS_V2).file("rust/helpers/refcount.c", REFCOUNT_HELPERS)
                    .file("scripts/min-tool-version.sh", MIN_TOOL_V3)
                    .file("drivers/gpu/nova-core/driver.rs", NOVA_DRIVER).file("drivers/gpu/nova-core/gpu.rs", NOVA_GPU)
                    .file("drivers/gpu/nova-core/Kconfig", NOVA_KCONFIG);
            String side = t.commitOn(annotated, nova.author("Alan Turing", "alan@example.org").message("""
                    gpu: nova-core: add the Nova core driver

                    Co-developed-by: Edsger Dijkstra <ewd@example.org>
                    Signed-off-by: Edsger Dijkstra <ewd@example.org>
                    Signed-off-by: Alan Turing <alan@example.org>
                    """).at("2024-03-20T16:00:00Z"));
            t.commit(helpers.file("rust/kernel/sync.rs", SYNC_V3).author("Ada Lovelace", "ada@example.org").message("""
                    rust: sync: document the unsafe code

                    Reported-by: Ken Thompson <ken@example.org>
                    Fixes: %s ("rust: sync: add unlock, raw access and Send/Sync")
                    Signed-off-by: Ada Lovelace <ada@example.org>
                    """.formatted(lock.substring(0, 12))).at("2024-04-01T10:10:00Z"));
            TestRepos.Snapshot merged = rust(base().file("kernel/sched/core.c", SCHED_V2))
                    .file("drivers/net/phy/Kconfig", PHY_KCONFIG_V2).file("drivers/net/phy/ax88796b_rust.rs", AX88796B)
                    .file("rust/kernel/sync.rs", SYNC_V3).file("rust/helpers/helpers.c", HELPERS_C_V2)
                    .file("rust/helpers/mutex.c", MUTEX_HELPERS_V2).file("rust/helpers/refcount.c", REFCOUNT_HELPERS)
                    .file("scripts/min-tool-version.sh", MIN_TOOL_V3)
                    .file("drivers/gpu/nova-core/driver.rs", NOVA_DRIVER).file("drivers/gpu/nova-core/gpu.rs", NOVA_GPU)
                    .file("drivers/gpu/nova-core/Kconfig", NOVA_KCONFIG);
            t.merge(side, merged.author(DENNIS, DENNIS_MAIL).message("""
                    Merge branch 'nova-next'

                    Signed-off-by: Dennis Ritchie <dmr@example.org>
                    """).at("2024-04-05T09:00:00Z"));
            t.commit(merged.file("kernel/sched/core.c", SCHED_V3).author("Ken Thompson", "ken@example.org")
                    .message("""
                            sched: wake up a running task that is being migrated

                            Fixes: %s ("sched: skip the wake-up of a running task")
                            Signed-off-by: Ken Thompson <ken@example.org>
                            """.formatted(wakeup.substring(0, 12))).at("2024-04-08T14:00:00Z"));
            t.tag("v1.2", DENNIS, DENNIS_MAIL, "2024-04-14T18:00:00Z", "Linux 1.2\n");
        }
    }
}
