//! PDF inspection: load with bounds, health, signatures and the e-Meterai summary.
//! (Stub: owned by the PDF-structure work.)

pub mod decode;

use crate::limits::Budget;
use crate::report::Report;

/// Fill `report.pdf`, `signatures`, `certified`, `emeterai`, `error`, `signature_spot` and
/// `stamp_suggestion` for a file sniffed as PDF.
pub fn inspect_into(_bytes: &[u8], _budget: &mut Budget, _report: &mut Report) {}
