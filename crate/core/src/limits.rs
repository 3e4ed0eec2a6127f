//! Bounds on the work one analysis may do. There is no clock in wasm and a hostile PDF can ask for
//! unbounded inflation, nesting or object walks, so every costly step spends from a budget that
//! is fixed per file; running out becomes `too_complex`, never a frozen tab.

/// Largest file the checker reads at all (the extension handles up to 10 MB).
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;
/// Largest total of decompressed stream bytes per file.
pub const MAX_INFLATED_TOTAL: usize = 256 * 1024 * 1024;
/// Largest single decompressed stream (object streams, images' neighbours).
pub const MAX_INFLATED_STREAM: usize = 64 * 1024 * 1024;
/// Largest decompressed page content stream: real letters need well under 1 MB.
pub const MAX_CONTENT_STREAM: usize = 16 * 1024 * 1024;
/// Largest inflation ratio for a stream bigger than 1 MB decompressed (bomb guard).
pub const MAX_INFLATE_RATIO: usize = 1024;
/// Deepest nesting of arrays/dictionaries accepted.
pub const MAX_NESTING: usize = 256;
/// Most indirect objects accepted.
pub const MAX_OBJECTS: usize = 500_000;
/// Most pages examined for text and signature spots.
pub const MAX_PAGES_SCANNED: usize = 200;

/// Work units: roughly one per content-stream operator, parsed object or KB inflated.
pub const WORK_UNITS_BASE: u64 = 20_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exhausted;

#[derive(Debug, Clone)]
pub struct Budget {
    work_left: u64,
    inflated_left: usize,
}

impl Budget {
    pub fn for_file(_len: usize) -> Budget {
        Budget { work_left: WORK_UNITS_BASE, inflated_left: MAX_INFLATED_TOTAL }
    }

    /// Spend `units` of work; `Err` once the budget is gone.
    pub fn spend(&mut self, units: u64) -> Result<(), Exhausted> {
        if self.work_left < units {
            self.work_left = 0;
            return Err(Exhausted);
        }
        self.work_left -= units;
        Ok(())
    }

    /// Reserve room for `bytes` of decompressed output.
    pub fn inflate(&mut self, bytes: usize) -> Result<(), Exhausted> {
        if self.inflated_left < bytes {
            self.inflated_left = 0;
            return Err(Exhausted);
        }
        self.inflated_left -= bytes;
        Ok(())
    }

    /// What is left of the per-file inflation allowance (no per-stream cap applied).
    pub fn inflated_total_left(&self) -> usize {
        self.inflated_left
    }

    pub fn inflated_left(&self) -> usize {
        self.inflated_left.min(MAX_CONTENT_STREAM)
    }

    pub fn exhausted(&self) -> bool {
        self.work_left == 0 || self.inflated_left == 0
    }
}
