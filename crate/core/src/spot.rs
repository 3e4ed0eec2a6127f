//! Where the hand signature sits, and where the e-Meterai should go.
//! (Stub: owned by the layout work. The `locate` signature is the contract.)

use crate::layout::PageLayout;
use crate::report::{SignatureSpot, StampSuggestion};

/// Find the signature spot from the pages' layout and suggest a stamp box beside it.
/// With no anchors, the suggestion is a low-confidence lower-right box on the last page.
pub fn locate(_pages: &[PageLayout]) -> (Option<SignatureSpot>, Option<StampSuggestion>) {
    (None, None)
}
