//! Where the hand signature sits, and where the e-Meterai should go.
//! (Stub: owned by the layout work.)
