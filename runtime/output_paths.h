// Which file a command's output really is, and the check that it is none of the
// command's inputs and none of its other outputs (issue 19: `-o leads.csv` used to
// overwrite the lead file). Files are compared by identity, not by name: device and
// inode after following symlinks, so a hard link, a symlink or `./x` vs `x` are all
// caught; an output that does not exist yet is compared by its resolved directory
// and name. No command-line wording here: callers say which option a path came from.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace leadc::rt {

struct NamedPath {
  std::string path;  // as the user wrote it; empty or "-" = a standard stream (never conflicts)
  std::string what;  // how messages name it: "the lead file", "the output (-o)"
};

// The first clash between an output and an input or another output, as a message
// ("`a.csv` (the output (-o)) is the same file as `leads.csv` (the lead file)…"), or
// nullopt when every output is a file of its own. An output that exists and is not a
// regular file (/dev/null, a FIFO) is written in place and never clashes.
std::optional<std::string> output_conflict(const std::vector<NamedPath>& inputs, const std::vector<NamedPath>& outputs);

// The file a write to `path` lands in: symlinks followed, including a dangling one
// (whose target is then created). Writing there instead of at `path` keeps the link
// a link. Returns `path` itself when it is not a symlink (or the chain is too long).
std::string write_target(const std::string& path);

// Removes the file at `path` when it is a regular file left by an earlier run (a
// rejects file of a run that now has none); returns whether one was removed. Never
// removes a symlink, a directory or a device.
bool remove_previous_output(const std::string& path);

}  // namespace leadc::rt
