//! The memory allocator of the `socle` binary, so that the load tests measure the
//! allocator the server ships with.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
