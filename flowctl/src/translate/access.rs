//! Securing the translated control plane: `--token-secret NAME` and
//! `--tls-secret NAME`, the same for every format.
//!
//! NAME is a set of files named as a Kubernetes Secret's keys: `token` (the
//! bearer token) in the token secret; `tls.crt`, `tls.key` (the plane's
//! certificate, for the plane's service name) and `ca.crt` (the CA the
//! components verify it by) in the TLS secret. Each format says where those
//! files come from (a Secret volume, Compose `secrets:`, systemd
//! `LoadCredential=`, a Nomad Variable) and where a process sees them; this
//! module says which process gets which file, and how: flowctld gets
//! `--token-file`, `--tls-cert` and `--tls-key`; every component gets
//! `FLOWCTL_TOKEN_FILE`, `FLOWCTL_TLS_CA` and `FLOWCTL_TLS_SERVER_NAME`
//! (never the plane's key). TLS alone identifies no component, so it comes
//! with a token.

use std::collections::BTreeMap;

/// One file of a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// The bearer token.
    Token,
    /// The plane's certificate.
    Cert,
    /// The plane's private key.
    Key,
    /// The CA that signed the plane's certificate.
    Ca,
}

impl Item {
    /// Its key in the Secret, and its file name.
    pub fn key(self) -> &'static str {
        match self {
            Item::Token => "token",
            Item::Cert => "tls.crt",
            Item::Key => "tls.key",
            Item::Ca => "ca.crt",
        }
    }

    /// Its name where dots are not allowed (Nomad Variables, credentials).
    pub fn slug(self) -> &'static str {
        match self {
            Item::Token => "token",
            Item::Cert => "tls_crt",
            Item::Key => "tls_key",
            Item::Ca => "ca_crt",
        }
    }
}

/// The secrets the user named.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Access {
    /// `--token-secret`: holds `token`.
    pub token: Option<String>,
    /// `--tls-secret`: holds `tls.crt`, `tls.key` and `ca.crt`.
    pub tls: Option<String>,
}

impl Access {
    /// Refuses TLS without a token: the plane would admit no component.
    pub fn check(&self) -> Result<(), String> {
        if self.tls.is_some() && self.token.is_none() {
            return Err(
                "--tls-secret needs --token-secret NAME too: TLS encrypts the control \
                 plane but identifies no component (the translated components present the \
                 token)"
                    .to_owned(),
            );
        }
        Ok(())
    }

    /// Whether the plane is secured at all.
    pub fn secured(&self) -> bool {
        self.token.is_some()
    }

    /// The files flowctld reads, with the secret each is in.
    pub fn plane_files(&self) -> Vec<(&str, Item)> {
        let mut files = Vec::new();
        if let Some(token) = &self.token {
            files.push((token.as_str(), Item::Token));
        }
        if let Some(tls) = &self.tls {
            files.push((tls.as_str(), Item::Cert));
            files.push((tls.as_str(), Item::Key));
        }
        files
    }

    /// The files every component reads, with the secret each is in.
    pub fn component_files(&self) -> Vec<(&str, Item)> {
        let mut files = Vec::new();
        if let Some(token) = &self.token {
            files.push((token.as_str(), Item::Token));
        }
        if let Some(tls) = &self.tls {
            files.push((tls.as_str(), Item::Ca));
        }
        files
    }

    /// flowctld's flags, each file where `path` says flowctld sees it.
    pub fn plane_args(&self, path: impl Fn(&str, Item) -> String) -> Vec<String> {
        let mut args = Vec::new();
        for (secret, item) in self.plane_files() {
            let flag = match item {
                Item::Token => "--token-file",
                Item::Cert => "--tls-cert",
                Item::Key => "--tls-key",
                Item::Ca => "--tls-ca-cert",
            };
            args.push(flag.to_owned());
            args.push(path(secret, item));
        }
        args
    }

    /// A component's variables, each file where `path` says it sees it;
    /// the plane's certificate is checked against `plane_name`.
    pub fn component_env(
        &self,
        plane_name: &str,
        path: impl Fn(&str, Item) -> String,
    ) -> BTreeMap<String, String> {
        let mut env = BTreeMap::new();
        for (secret, item) in self.component_files() {
            let var = match item {
                Item::Token => "FLOWCTL_TOKEN_FILE",
                _ => "FLOWCTL_TLS_CA",
            };
            env.insert(var.to_owned(), path(secret, item));
        }
        if self.tls.is_some() {
            env.insert("FLOWCTL_TLS_SERVER_NAME".to_owned(), plane_name.to_owned());
        }
        env
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secret: &str, item: Item) -> String {
        format!("/s/{secret}/{}", item.key())
    }

    #[test]
    fn the_plane_gets_its_key_and_the_components_only_the_ca_and_token() {
        let access = Access {
            token: Some("tok".into()),
            tls: Some("cert".into()),
        };
        assert_eq!(
            access.plane_args(at),
            [
                "--token-file",
                "/s/tok/token",
                "--tls-cert",
                "/s/cert/tls.crt",
                "--tls-key",
                "/s/cert/tls.key"
            ]
        );
        let env = access.component_env("chain-flowctld", at);
        assert_eq!(env["FLOWCTL_TOKEN_FILE"], "/s/tok/token");
        assert_eq!(env["FLOWCTL_TLS_CA"], "/s/cert/ca.crt");
        assert_eq!(env["FLOWCTL_TLS_SERVER_NAME"], "chain-flowctld");
        assert!(!env.values().any(|v| v.contains("tls.key")));
    }

    #[test]
    fn tls_alone_is_refused() {
        let tls = Access {
            tls: Some("cert".into()),
            ..Access::default()
        };
        assert!(tls.check().unwrap_err().contains("--token-secret"));
        assert!(Access::default().check().is_ok());
    }
}
