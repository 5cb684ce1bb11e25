//! SIRET check: 14 digits whose Luhn checksum is valid. Whether the establishment exists is
//! left to the referential of public organisations.

/// SIREN of La Poste, whose establishments are numbered outside the Luhn rule.
const LA_POSTE_SIREN: &str = "356000000";

/// Returns whether a SIRET has 14 digits and a valid checksum.
pub fn is_valid(siret: &str) -> bool {
    if siret.len() != 14 || !siret.bytes().all(|byte| byte.is_ascii_digit()) {
        return false;
    }
    let digits = siret.bytes().map(|byte| u32::from(byte - b'0'));
    if siret.starts_with(LA_POSTE_SIREN) {
        // La Poste's establishments instead have a digit sum divisible by 5.
        return digits.sum::<u32>().is_multiple_of(5);
    }
    let sum: u32 = digits
        .rev()
        .enumerate()
        .map(|(position, digit)| {
            if position % 2 == 1 {
                (digit * 2).div_euclid(10) + (digit * 2) % 10
            } else {
                digit
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siret_of_samples_valid() {
        assert!(is_valid("21560046100010"));
        assert!(is_valid("21930048000015"));
        assert!(is_valid("24350078200095"));
    }

    #[test]
    fn siret_with_bad_checksum_or_length_invalid() {
        assert!(!is_valid("21560046100011"));
        assert!(!is_valid("2156004610001"));
        assert!(!is_valid("2156004610001A"));
        assert!(!is_valid(""));
    }
}
