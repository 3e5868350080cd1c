//! The whycors command line's library side: commands that tests and other
//! commands embed in-process.

pub mod lab;
