//! Which network addresses the fetcher may connect to.
//!
//! A harvester fetches URLs that platform users type in, so without a check anyone could
//! make the server read its own admin ports, the cloud metadata service or the intranet.
//! The fetcher resolves host names itself, vets every address here, and connects only to
//! the vetted addresses, so a name that resolves differently on a second lookup (DNS
//! rebinding) cannot slip through. Loopback, private, link-local, shared (CGNAT),
//! unique-local, multicast, documentation and unspecified ranges are rejected unless the
//! allow-list opens them.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, ToSocketAddrs};
use std::str::FromStr;

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

use super::FetchError;

/// A network in CIDR notation, such as `10.0.0.0/8` or `fd00::/8`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    pub fn contains(&self, address: IpAddr) -> bool {
        match (self.network, canonical(address)) {
            (IpAddr::V4(network), IpAddr::V4(address)) => {
                prefix_matches(&network.octets(), &address.octets(), self.prefix)
            }
            (IpAddr::V6(network), IpAddr::V6(address)) => {
                prefix_matches(&network.octets(), &address.octets(), self.prefix)
            }
            _ => false,
        }
    }
}

fn prefix_matches(network: &[u8], address: &[u8], prefix: u8) -> bool {
    let full_bytes = usize::from(prefix / 8);
    if network[..full_bytes] != address[..full_bytes] {
        return false;
    }
    let remaining_bits = prefix % 8;
    if remaining_bits == 0 {
        return true;
    }
    let mask = 0xffu8 << (8 - remaining_bits);
    network[full_bytes] & mask == address[full_bytes] & mask
}

impl FromStr for Cidr {
    type Err = String;

    /// Parses `address/prefix`; a bare address is a network of one address.
    fn from_str(text: &str) -> Result<Cidr, String> {
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let network = canonical(IpAddr::from_str(address.trim()).map_err(|_| text.to_owned())?);
        let max_prefix = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(prefix) => prefix.trim().parse::<u8>().map_err(|_| text.to_owned())?,
            None => max_prefix,
        };
        if prefix > max_prefix {
            return Err(text.to_owned());
        }
        Ok(Cidr { network, prefix })
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}/{}", self.network, self.prefix)
    }
}

/// Networks and host names the fetcher may reach even though their addresses are not
/// public. Empty by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowList {
    pub networks: Vec<Cidr>,
    /// Host names, compared without case. An allowed name may resolve to any address.
    pub hosts: Vec<String>,
}

impl AllowList {
    /// Parses a list of entries separated by commas or white space: each entry is a CIDR
    /// network, a bare address, or a host name. Returns the first invalid entry as error.
    pub fn parse(text: &str) -> Result<AllowList, String> {
        let mut allow = AllowList::default();
        for entry in text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|entry| !entry.is_empty())
        {
            let looks_numeric = entry.contains('/')
                || entry.contains(':')
                || entry.chars().all(|c| c.is_ascii_digit() || c == '.');
            if looks_numeric {
                allow.networks.push(entry.parse()?);
            } else if is_host_name(entry) {
                allow.hosts.push(entry.to_ascii_lowercase());
            } else {
                return Err(entry.to_owned());
            }
        }
        Ok(allow)
    }

    /// An allow-list that opens loopback only (`127.0.0.0/8` and `::1`), for tests and
    /// for a platform that harvests a catalogue running on the same machine.
    pub fn loopback() -> AllowList {
        AllowList {
            networks: vec![
                "127.0.0.0/8".parse().expect("valid literal"),
                "::1/128".parse().expect("valid literal"),
            ],
            hosts: Vec::new(),
        }
    }

    pub fn allows_host(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        self.hosts.contains(&host)
    }

    pub fn allows_address(&self, address: IpAddr) -> bool {
        self.networks
            .iter()
            .any(|network| network.contains(address))
    }
}

fn is_host_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

/// Maps an IPv4-mapped or IPv4-compatible IPv6 address (`::ffff:127.0.0.1`) to its IPv4
/// form, so that one rule covers both spellings.
pub fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(v6),
        },
        v4 => v4,
    }
}

/// Returns the name of the non-public range `address` belongs to, or `None` for a public
/// address.
pub fn non_public_range(address: IpAddr) -> Option<&'static str> {
    match canonical(address) {
        IpAddr::V4(v4) => non_public_v4(v4),
        IpAddr::V6(v6) => non_public_v6(v6),
    }
}

fn non_public_v4(address: Ipv4Addr) -> Option<&'static str> {
    let [a, b, _, _] = address.octets();
    if address.is_unspecified() || a == 0 {
        Some("unspecified")
    } else if address.is_loopback() {
        Some("loopback")
    } else if address.is_private() {
        Some("private")
    } else if a == 100 && (64..128).contains(&b) {
        Some("shared-cgnat")
    } else if address.is_link_local() {
        Some("link-local")
    } else if address.is_multicast() {
        Some("multicast")
    } else if address.is_broadcast() || a >= 240 {
        Some("reserved")
    } else if address.is_documentation() || (a == 198 && (b == 18 || b == 19)) {
        Some("documentation")
    } else if a == 192 && b == 0 && address.octets()[2] == 0 {
        Some("ietf-protocol")
    } else {
        None
    }
}

fn non_public_v6(address: Ipv6Addr) -> Option<&'static str> {
    let first = address.segments()[0];
    if address.is_unspecified() {
        Some("unspecified")
    } else if address.is_loopback() {
        Some("loopback")
    } else if (first & 0xfe00) == 0xfc00 {
        Some("unique-local")
    } else if (first & 0xffc0) == 0xfe80 || (first & 0xffc0) == 0xfec0 {
        Some("link-local")
    } else if address.is_multicast() {
        Some("multicast")
    } else if first == 0x2001 && address.segments()[1] == 0x0db8 {
        Some("documentation")
    } else if first == 0x0064 && address.segments()[1] == 0xff9b {
        // NAT64 addresses embed an IPv4 address: judge that one.
        let octets = address.octets();
        non_public_v4(Ipv4Addr::new(
            octets[12], octets[13], octets[14], octets[15],
        ))
    } else if first == 0x2002 {
        // 6to4 addresses embed an IPv4 address in bits 16 to 48.
        let octets = address.octets();
        non_public_v4(Ipv4Addr::new(octets[2], octets[3], octets[4], octets[5]))
    } else if address.segments()[..6] == [0, 0, 0, 0, 0xffff, 0] {
        // IPv4-translated form `::ffff:0:a.b.c.d` (SIIT) embeds an IPv4 address too.
        let octets = address.octets();
        non_public_v4(Ipv4Addr::new(
            octets[12], octets[13], octets[14], octets[15],
        ))
    } else if address.segments()[..6] == [0; 6] {
        // Deprecated IPv4-compatible form `::a.b.c.d`.
        let octets = address.octets();
        non_public_v4(Ipv4Addr::new(
            octets[12], octets[13], octets[14], octets[15],
        ))
    } else {
        None
    }
}

/// Checks one resolved address of `host` against the allow-list.
pub fn vet(host: &str, address: IpAddr, allow: &AllowList) -> Result<(), FetchError> {
    let Some(range) = non_public_range(address) else {
        return Ok(());
    };
    if allow.allows_host(host) || allow.allows_address(address) {
        return Ok(());
    }
    Err(FetchError::AddressRejected {
        host: host.to_owned(),
        address: canonical(address).to_string(),
        range: range.to_owned(),
    })
}

/// Resolves a host name (or reads a literal address) and vets every address found. The
/// name is rejected when any of its addresses is rejected: picking the public ones would
/// let an attacker mix a private address in and win on a retry.
pub fn resolve_and_vet(
    host: &str,
    port: u16,
    allow: &AllowList,
) -> Result<Vec<SocketAddr>, FetchError> {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let addresses: Vec<SocketAddr> = match IpAddr::from_str(bare) {
        Ok(address) => vec![SocketAddr::new(address, port)],
        Err(_) => (bare, port)
            .to_socket_addrs()
            .map_err(|_| FetchError::HostNotFound {
                host: host.to_owned(),
            })?
            .collect(),
    };
    if addresses.is_empty() {
        return Err(FetchError::HostNotFound {
            host: host.to_owned(),
        });
    }
    for address in &addresses {
        vet(bare, address.ip(), allow)?;
    }
    Ok(addresses)
}

/// The resolver given to `ureq`: every connection, including those of redirects and
/// retries, goes through it, so only vetted addresses are ever connected to.
#[derive(Debug)]
pub(super) struct VettingResolver {
    pub(super) allow: AllowList,
}

impl Resolver for VettingResolver {
    fn resolve(
        &self,
        uri: &Uri,
        _config: &Config,
        _timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().ok_or(ureq::Error::HostNotFound)?;
        let port = uri.port_u16().unwrap_or(match uri.scheme_str() {
            Some("https") => 443,
            _ => 80,
        });
        let addresses = resolve_and_vet(host, port, &self.allow)
            .map_err(|error| ureq::Error::Other(Box::new(error)))?;
        let mut resolved = self.empty();
        for address in addresses.into_iter().take(16) {
            resolved.push(address);
        }
        Ok(resolved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_public_ranges_named() {
        let cases = [
            ("127.0.0.1", Some("loopback")),
            ("10.1.2.3", Some("private")),
            ("172.16.0.1", Some("private")),
            ("192.168.1.1", Some("private")),
            ("100.64.0.1", Some("shared-cgnat")),
            ("169.254.169.254", Some("link-local")),
            ("0.0.0.0", Some("unspecified")),
            ("224.0.0.1", Some("multicast")),
            ("255.255.255.255", Some("reserved")),
            ("::1", Some("loopback")),
            ("::", Some("unspecified")),
            ("fd00::1", Some("unique-local")),
            ("fe80::1", Some("link-local")),
            ("ff02::1", Some("multicast")),
            ("::ffff:10.0.0.1", Some("private")),
            ("::ffff:169.254.169.254", Some("link-local")),
            ("64:ff9b::7f00:1", Some("loopback")),
            ("::ffff:0:127.0.0.1", Some("loopback")),
            ("::ffff:0:10.1.2.3", Some("private")),
            ("2002:7f00:1::", Some("loopback")),
            ("8.8.8.8", None),
            ("100.128.0.1", None),
            ("2001:4860:4860::8888", None),
        ];
        for (text, expected) in cases {
            let address: IpAddr = text.parse().unwrap();
            assert_eq!(non_public_range(address), expected, "{text}");
        }
    }

    #[test]
    fn cidr_contains_mapped_forms() {
        let network: Cidr = "10.0.0.0/8".parse().unwrap();
        assert!(network.contains("10.255.0.1".parse().unwrap()));
        assert!(network.contains("::ffff:10.0.0.1".parse().unwrap()));
        assert!(!network.contains("11.0.0.1".parse().unwrap()));
        let odd: Cidr = "172.16.0.0/12".parse().unwrap();
        assert!(odd.contains("172.31.255.255".parse().unwrap()));
        assert!(!odd.contains("172.32.0.0".parse().unwrap()));
        assert!("::1/129".parse::<Cidr>().is_err());
        assert!("10.0.0.0/x".parse::<Cidr>().is_err());
    }

    #[test]
    fn allow_list_opens_named_host_only() {
        let allow = AllowList::parse("intranet.example").unwrap();
        let address: IpAddr = "10.0.0.5".parse().unwrap();
        assert!(vet("intranet.example", address, &allow).is_ok());
        assert!(vet("INTRANET.example.", address, &allow).is_ok());
        assert!(vet("other.example", address, &allow).is_err());
    }
}
