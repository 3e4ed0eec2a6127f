//! Text and image layout of PDF pages: a bounded content-stream interpreter.
//! (Stub: owned by the layout work.)
