//! Record sources: format, encoding and dialect sniffing, and streaming readers.
