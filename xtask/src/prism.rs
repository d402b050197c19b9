//! Prism, the mock server of the conformance suite in `conformance/`, installed by npm from
//! `conformance/package-lock.json`.

use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

/// The oldest Node.js major version the suite is run with.
const NODE_MAJOR: u32 = 20;

/// What a machine without Node.js or npm needs.
const NODE_HINT: &str =
    "the Prism conformance suite needs Node.js 20 and npm: apt-get install nodejs npm";

/// Checks that Node.js and npm are there, and installs Prism into `conformance/node_modules`
/// with `npm ci` unless it is installed already from the current lock file.
pub fn ensure_installed(root: &Path) -> Result<(), String> {
    let node = version("node")?;
    let major = node
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|major| major.parse::<u32>().ok());
    if major.is_none_or(|major| major < NODE_MAJOR) {
        return Err(format!("found Node.js {}; {NODE_HINT}", node.trim()));
    }
    version("npm")?;
    let folder = root.join("conformance");
    if !needs_install(&folder) {
        return Ok(());
    }
    println!(
        "== installing Prism from conformance/package-lock.json (npm ci --prefix conformance)"
    );
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--prefix"])
        .arg(&folder)
        .status()
        .map_err(|e| format!("cannot run npm: {e}; {NODE_HINT}"))?;
    if !status.success() {
        return Err(format!("`npm ci --prefix conformance` failed ({status})"));
    }
    if needs_install(&folder) {
        return Err("`npm ci --prefix conformance` did not install Prism".into());
    }
    Ok(())
}

/// Whether `folder/node_modules` lacks Prism or was installed before the lock file last
/// changed (npm writes `node_modules/.package-lock.json` on every install).
pub fn needs_install(folder: &Path) -> bool {
    if !folder.join("node_modules/.bin/prism").is_file() {
        return true;
    }
    let modified = |path: &Path| -> Option<SystemTime> { path.metadata().ok()?.modified().ok() };
    let lock = modified(&folder.join("package-lock.json"));
    let installed = modified(&folder.join("node_modules/.package-lock.json"));
    match (lock, installed) {
        (Some(lock), Some(installed)) => lock > installed,
        _ => true,
    }
}

/// The output of `tool --version`.
fn version(tool: &str) -> Result<String, String> {
    let output = Command::new(tool)
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run `{tool} --version` ({e}); {NODE_HINT}"))?;
    if !output.status.success() {
        return Err(format!(
            "`{tool} --version` failed ({}); {NODE_HINT}",
            output.status
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use std::fs::File;
    use std::time::Duration;

    use super::needs_install;

    fn touch(path: &std::path::Path, modified: std::time::SystemTime) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        File::create(path).unwrap().set_modified(modified).unwrap();
    }

    #[test]
    fn installs_when_prism_is_missing_or_older_than_the_lock_file() {
        let folder = tempfile::tempdir().unwrap();
        let folder = folder.path();
        let then = std::time::SystemTime::now() - Duration::from_secs(60);
        touch(&folder.join("package-lock.json"), then);
        assert!(needs_install(folder), "nothing installed");

        touch(&folder.join("node_modules/.bin/prism"), then);
        touch(
            &folder.join("node_modules/.package-lock.json"),
            then + Duration::from_secs(1),
        );
        assert!(!needs_install(folder), "installed after the lock file");

        touch(
            &folder.join("package-lock.json"),
            then + Duration::from_secs(2),
        );
        assert!(needs_install(folder), "the lock file changed since");
    }
}
