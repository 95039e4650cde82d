//! Certificates made by a test: a CA of its own and what it signs.

use std::path::PathBuf;

use flowctl_tests::World;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair,
};

/// A certificate authority made for one test.
pub struct Ca(CertifiedIssuer<'static, KeyPair>);

/// PEM files of one certificate and its key, in the work dir.
pub struct Pair {
    pub cert: PathBuf,
    pub key: PathBuf,
}

impl Ca {
    pub fn new(name: &str) -> Ca {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        Ca(CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap())
    }

    /// Writes the CA's certificate as `name` and returns its path.
    pub fn write(&self, world: &World, name: &str) -> PathBuf {
        world.write(name, &self.0.pem())
    }

    /// A certificate for `127.0.0.1`/`localhost` signed by this CA, for a
    /// server or a client, written as `name.pem` and `name.key`.
    pub fn issue(&self, world: &World, name: &str, server: bool) -> Pair {
        let mut params =
            CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()]).unwrap();
        params.distinguished_name.push(DnType::CommonName, name);
        params.extended_key_usages = vec![if server {
            ExtendedKeyUsagePurpose::ServerAuth
        } else {
            ExtendedKeyUsagePurpose::ClientAuth
        }];
        let key = KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &self.0).unwrap();
        Pair {
            cert: world.write(&format!("{name}.pem"), &cert.pem()),
            key: world.write(&format!("{name}.key"), &key.serialize_pem()),
        }
    }
}
