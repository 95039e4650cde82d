//! `flowctl translate`'s flags. The old CLI's `-o FORMAT` names the output
//! format here, while the global `-o` names a listing's; [`output_flag`]
//! turns the first into `--format` before clap reads the line.

use std::path::PathBuf;

use clap::Args;

/// `flowctl translate -f FILE -o FORMAT ...`
#[derive(Debug, Args)]
pub struct TranslateArgs {
    /// Pipeline file
    #[arg(short, long, value_name = "FILE")]
    pub file: PathBuf,
    /// What to write (also `-o`): kubernetes, podman (the Kubernetes objects
    /// as `podman kube play` runs them), docker-compose, local, systemd or
    /// nomad
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub format: crate::translate::Format,
    /// Write the main file to F (a new file; see --force); the others of the
    /// format beside it
    #[arg(long, value_name = "F", conflicts_with = "out_dir")]
    pub to_file: Option<PathBuf>,
    /// Write every file of the format into directory D (created if missing)
    #[arg(long, value_name = "D")]
    pub out_dir: Option<PathBuf>,
    /// Replace files that already exist
    #[arg(long)]
    pub force: bool,
    /// Put P before every generated name [default: none for Compose, else
    /// "<pipeline>-"]
    #[arg(long, value_name = "P")]
    pub prefix: Option<String>,
    /// Registry (and organisation) of images named by `type: name@version`,
    /// in place of docker.io/withobsrvr
    #[arg(long, value_name = "R")]
    pub registry: Option<String>,
    /// The image of component ID (repeatable)
    #[arg(long, value_name = "ID=IMAGE", value_parser = parse_image)]
    pub image: Vec<(String, String)>,
    /// The image the control plane (flowctld) runs from
    #[arg(long, value_name = "IMAGE")]
    pub flowctld_image: Option<String>,
    /// The port of the control plane the components register with
    #[arg(long, value_name = "PORT", default_value_t = crate::translate::DEFAULT_PLANE_PORT)]
    pub control_plane_port: u16,
    /// Secure the control plane with the bearer token in secret NAME (key
    /// `token`): a Kubernetes Secret, a directory NAME/ beside the Compose
    /// file, /etc/flowctl/NAME/ for systemd, a Nomad Variable at path NAME
    #[arg(long, value_name = "NAME")]
    pub token_secret: Option<String>,
    /// TLS on the control plane from secret NAME (keys `tls.crt`, `tls.key`
    /// for the plane's service name, `ca.crt`; found as --token-secret's);
    /// needs --token-secret
    #[arg(long, value_name = "NAME", requires = "token_secret")]
    pub tls_secret: Option<String>,
}

fn parse_format(name: &str) -> Result<crate::translate::Format, String> {
    use crate::translate::Format;
    Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
        format!("unknown format '{name}'; use one of {}", names.join(", "))
    })
}

fn parse_image(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((id, image)) if !id.is_empty() && !image.is_empty() => {
            Ok((id.to_owned(), image.to_owned()))
        }
        _ => Err(format!(
            "'{text}' is not ID=IMAGE: write --image gen=registry.example/gen:1.0"
        )),
    }
}

/// After the `translate` word, `-o X`, `-oX`, `-o=X`, `--output X` and
/// `--output=X` become `--format X`.
pub fn output_flag(args: &mut [std::ffi::OsString]) {
    let words: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let Some(start) = words.iter().position(|w| w == "translate") else {
        return;
    };
    for i in start + 1..args.len() {
        let word = &words[i];
        if word == "--" {
            break;
        }
        if word == "-o" || word == "--output" {
            args[i] = "--format".into();
        } else if let Some(value) = word
            .strip_prefix("--output=")
            .or_else(|| word.strip_prefix("-o="))
            .or_else(|| word.strip_prefix("-o"))
        {
            args[i] = format!("--format={value}").into();
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use crate::cli::{Cli, Command, compat_argv};
    use crate::translate::Format;

    fn format_of(line: &str) -> Format {
        let args = line.split_whitespace().map(std::ffi::OsString::from);
        match Cli::try_parse_from(compat_argv(args)).unwrap().command {
            Command::Translate(args) => args.format,
            other => panic!("not translate: {other:?}"),
        }
    }

    #[test]
    fn the_old_output_flag_names_the_format_in_every_spelling() {
        for line in [
            "flowctl translate -f p.yaml -o kubernetes",
            "flowctl translate -f p.yaml -okubernetes",
            "flowctl translate -f p.yaml --output=k8s",
            "flowctl translate -f p.yaml --output kubernetes",
            "flowctl translate -f p.yaml --format kubernetes",
        ] {
            assert_eq!(format_of(line), Format::Kubernetes, "{line}");
        }
        assert_eq!(
            format_of("flowctl translate -o compose -f p.yaml"),
            Format::DockerCompose
        );
        // Before `translate`, -o is still the listing format.
        let args = "flowctl -o json translate -f p.yaml -o nomad"
            .split_whitespace()
            .map(std::ffi::OsString::from);
        let cli = Cli::try_parse_from(compat_argv(args)).unwrap();
        assert_eq!(cli.output, crate::cli::Output::Json);
    }
}
