//! How a batch command (`check`, `outline`, `targets`, …) gets its memory from glibc and the
//! kernel. Such a command reads its drafts, reports and ends: memory it holds a little longer
//! costs nothing, and getting memory a page at a time costs much. On a megabyte of real text
//! `check` touched 2 500 fresh pages, each a page fault, a sixth of its CPU time.
//!
//! The language server keeps the defaults: it runs for hours, and what it holds resident is
//! one of its goals.

/// Sets up the heap of a batch command, before its first parallel work (it builds rayon's
/// pool). Elsewhere than on Linux with glibc, nothing.
pub fn tune_for_batch() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    glibc::tune_for_batch();
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod glibc {
    /// Where the kernel says whether transparent huge pages may be used.
    const THP_ENABLED: &str = "/sys/kernel/mm/transparent_hugepage/enabled";

    /// glibc's heaps of arenas other than the main one are regions of this size aligned to it
    /// (`HEAP_MAX_SIZE` on 64-bit systems; its `heap_for_ptr` relies on the alignment).
    const ARENA_HEAP: usize = 64 << 20;

    /// A transparent huge page on x86-64 and on arm64 with 4 KB pages.
    const HUGE_PAGE: usize = 2 << 20;

    /// Larger than glibc's per-thread cache takes (1 032 bytes): such a block is carved from
    /// the thread's own arena, never one freed into its cache from another arena.
    const PROBE: usize = 4096;

    pub(super) fn tune_for_batch() {
        // Each core's heap grew a few pages at a time, one `mprotect` each: 800 system calls
        // on a megabyte of real text, a twentieth of `check`'s time. Untouched pages of a step
        // are not resident. (In the server this held 3.5 MB more after a 1 MB draft opened.)
        // SAFETY: `mallopt` only sets a parameter of the allocator, under the allocator's lock.
        unsafe {
            libc::mallopt(libc::M_TOP_PAD, 16 << 20);
        }
        let allowed = std::fs::read_to_string(THP_ENABLED).is_ok_and(|s| !s.contains("[never]"));
        if allowed {
            // The pool may have been built already (then its threads keep their heaps).
            let pool = rayon::ThreadPoolBuilder::new().start_handler(|_| {
                back_heap_with_huge_pages();
            });
            let _ = pool.build_global();
        }
    }

    /// Backs the heap of the calling thread's arena with huge pages: one page fault for 2 MB
    /// instead of 512. The workers of a batch command do nearly all its allocating (they
    /// parse, analyse and render), each in an arena of its own. On a megabyte of real text
    /// `check` then takes about 570 page faults instead of 2 500 and a tenth less time; glibc
    /// does the same for the whole process with `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`.
    ///
    /// Returns the heap advised, or `None` when the thread's block lies below the program
    /// break: in the main arena, whose heap is no aligned region of its own (or, where the
    /// kernel places mappings below the break, anywhere: then nothing is advised).
    pub(super) fn back_heap_with_huge_pages() -> Option<usize> {
        let probe: Vec<u8> = std::hint::black_box(Vec::with_capacity(PROBE));
        let at = probe.as_ptr() as usize;
        // SAFETY: `sbrk(0)` only reads the program break.
        let brk = unsafe { libc::sbrk(0) } as usize;
        if at < brk {
            return None;
        }
        let heap = at & !(ARENA_HEAP - 1);
        // The kernel gives a huge page at a fault only where none of its small pages is
        // mapped yet, and glibc wrote the arena's header in the first 2 MB when it made it:
        // those are collapsed into a huge page now, the rest get huge pages as they are
        // touched. Advice only: it fails harmlessly on a kernel without it.
        // SAFETY: `madvise` with these advices changes how pages are backed, never their
        // contents; the region is this arena's heap (reserved whole by glibc).
        unsafe {
            let heap = heap as *mut libc::c_void;
            libc::madvise(heap, ARENA_HEAP, libc::MADV_HUGEPAGE);
            libc::madvise(heap, HUGE_PAGE, libc::MADV_COLLAPSE);
        }
        Some(heap)
    }
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    use super::glibc::back_heap_with_huge_pages;

    /// The flags of the mapping holding `at`, from `/proc/self/smaps`.
    fn flags_at(at: usize) -> String {
        let smaps = std::fs::read_to_string("/proc/self/smaps").expect("smaps");
        let mut inside = false;
        for line in smaps.lines() {
            if let Some((range, _)) = line.split_once(' ').filter(|(r, _)| r.contains('-')) {
                let (start, end) = range.split_once('-').expect("a range");
                let (start, end) = (usize::from_str_radix(start, 16), usize::from_str_radix(end, 16));
                inside = matches!((start, end), (Ok(s), Ok(e)) if (s..e).contains(&at));
            } else if let Some(flags) = line.strip_prefix("VmFlags:").filter(|_| inside) {
                return flags.trim().to_string();
            }
        }
        panic!("no mapping holds {at:#x}");
    }

    #[test]
    fn a_worker_heap_is_advised_to_use_huge_pages() {
        // A thread of its own, so that its arena is not the main one.
        let heap = std::thread::spawn(|| {
            let heap = back_heap_with_huge_pages().expect("a thread's own arena");
            let block: Vec<u8> = std::hint::black_box(Vec::with_capacity(64 << 10));
            (heap, block.as_ptr() as usize)
        });
        let (heap, block) = heap.join().expect("the thread");
        assert_eq!(heap % (64 << 20), 0);
        assert!((heap..heap + (64 << 20)).contains(&block), "{block:#x} outside the heap at {heap:#x}");
        // `hg`: the mapping is advised to use huge pages (VM_HUGEPAGE).
        assert!(flags_at(block).split(' ').any(|f| f == "hg"), "flags {}", flags_at(block));
    }
}
