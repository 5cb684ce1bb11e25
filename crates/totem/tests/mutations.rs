//! A thousand damaged variants of a real flow (bytes changed, cut, repeated) convert to a
//! result or an error, never a panic. A deterministic generator keeps failures reproducible.

use std::path::Path;

use totem::{ConvertOptions, Plans};

/// xorshift64: a small deterministic generator, enough to pick positions and bytes.
struct Generator(u64);

impl Generator {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }
}

/// Bytes that matter to XML and to the converter's own parsing.
const INTERESTING: &[u8] = b"<>/&;\"'=?!-[]#x0123456789.,DRV \n\xe9\xff\x00";

fn mutate(original: &[u8], generator: &mut Generator) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for _ in 0..1 + generator.below(4) {
        let position = generator.below(bytes.len());
        match generator.below(4) {
            0 => bytes[position] = INTERESTING[generator.below(INTERESTING.len())],
            1 => bytes.truncate(position),
            2 => {
                let end = (position + generator.below(200)).min(bytes.len());
                let copy = bytes[position..end].to_vec();
                bytes.splice(position..position, copy);
            }
            _ => {
                let end = (position + generator.below(50)).min(bytes.len());
                bytes.drain(position..end);
            }
        }
        if bytes.is_empty() {
            break;
        }
    }
    bytes
}

#[test]
fn damaged_flows_never_panic() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../../../shared/reference/totem/samples/crach-lotissement-le-boceno-ca-2021/totem.xml",
    );
    let plans_dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/reference/totem/plans-de-compte");
    let Ok(original) = std::fs::read(&sample) else {
        eprintln!("skipped: sample {} is absent", sample.display());
        return;
    };
    let plans = Plans::load_dir(&plans_dir).expect("plans folder");
    let mut generator = Generator(0x5eed_1234_abcd_0001);
    let (mut converted, mut rejected) = (0, 0);

    for _ in 0..1000 {
        let damaged = mutate(&original, &mut generator);
        match totem::convert(
            damaged.as_slice(),
            std::io::sink(),
            &plans,
            &ConvertOptions::default(),
        ) {
            Ok(_) => converted += 1,
            Err(error) => {
                assert!(error.code().starts_with("totem-"));
                rejected += 1;
            }
        }
    }

    println!("{converted} converted, {rejected} rejected");
    assert!(converted > 0, "some mutations leave a valid document");
    assert!(rejected > 0, "some mutations break the document");
}
