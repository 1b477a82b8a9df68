// A copy of the project in a temporary folder, sharing node_modules: where the build's tests and
// benchmark edit inputs and run `npm run build` or `npm run dev` without touching the work tree.
import {execFileSync} from "node:child_process";
import {cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * The work tree as git sees it (committed and new files, not what .gitignore excludes), or the
 * project at commit `ref`. The copy is a git checkout of its own (the manuscript index cites a commit).
 */
export function copyProject({ref = null as string | null, prefix = "project-copy-"} = {}): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (ref) {
    execFileSync("bash", ["-c", `git -C ${JSON.stringify(ROOT)} archive ${ref} | tar -x -C ${JSON.stringify(dir)}`]);
  } else {
    const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], {cwd: ROOT, encoding: "utf8"}).split("\0").filter(Boolean);
    for (const file of files) {
      // Deleted in the work tree but not yet committed; or a node_modules symlink (a git worktree's),
      // which .gitignore's "node_modules/" does not match: the copy links its own below.
      if (!existsSync(join(ROOT, file)) || file === "node_modules") continue;
      mkdirSync(dirname(join(dir, file)), {recursive: true});
      cpSync(join(ROOT, file), join(dir, file));
    }
  }
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  execFileSync("bash", ["-c", "git init -q && git add -A && git -c user.name=copy -c user.email=copy@localhost commit -qm copy"], {cwd: dir});
  return dir;
}

/** The environment to run the copy's commands in: the SURVEY_* overrides of this process left out. */
export function copyEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {...process.env, PATH: `${join(ROOT, "node_modules", ".bin")}:${process.env.PATH}`};
  for (const name of ["SURVEY_DATA_DIR", "SURVEY_CACHE_DIR", "SURVEY_REPORT_OUTPUT"]) delete env[name];
  return env;
}
