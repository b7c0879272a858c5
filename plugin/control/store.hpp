#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace stagehand::control {

// What a save must survive. Every save replaces its file whole (a rename), so a crash of OBS
// leaves the old file or the new one; `power_cut` also flushes the bytes and the folder to the
// disk before and after the rename, so that a power cut or a kernel crash does too. That flush
// is most of a small file's cost: state that a presenter would redo in a second (which step a
// snippet is at) is saved without it, as OBS saves its own scene collections.
enum class Survives { crash, power_cut };

struct WriteOptions {
    // Readable and writable by the owner only (0600): files that hold a secret.
    bool owner_only = false;
    Survives survives = Survives::power_cut;
    // Tests only: runs between writing the temporary file and the rename, to show that a crash
    // there loses nothing.
    std::function<void(const std::filesystem::path& temporary)> before_rename;
};

// Writes `bytes` to `path` so that a reader, or OBS restarted after a crash or power loss, sees
// either the old file or the new one, never a mix: a temporary file beside it is written,
// flushed to disk, then renamed over it. On failure the old file is untouched. The temporary
// file is created afresh, never through a link someone left under its name.
bool write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                           std::string& error, const WriteOptions& options = {});

// A document handed over in pieces, in order, to `put` (a large file written without ever being
// one string in memory). False when it could not be made whole: then nothing is written.
using Pieces = std::function<bool(const std::function<void(std::string_view)>& put)>;
// The same promise as write_file_atomically, for a document made of pieces.
bool write_pieces_atomically(const std::filesystem::path& path, const Pieces& pieces,
                             std::string& error, const WriteOptions& options = {});

// Appends `bytes` to `path` (created when missing) and flushes them to the disk before it
// returns: a journal's record. Only a regular file is appended to (a link is refused). On
// failure part of the bytes may be there: a reader stops at a line left unfinished.
bool append_durably(const std::filesystem::path& path, std::string_view bytes, std::string& error);

// What the control layer keeps across OBS restarts (the dock's choices today; the question
// queue, slide position and timer, the active preset as they land), one JSON file per area
// under the module's config folder. Thread-safe.
class Store {
public:
    using Logger = std::function<void(const std::string& line)>;
    explicit Store(std::filesystem::path folder, Logger log = {});

    // The saved value, or nothing when there is none. A file that cannot be read as JSON is
    // moved aside (NAME.json.corrupt-<time>), logged, and treated as missing: it never stops
    // OBS from starting and is kept for the presenter to look at.
    std::optional<nlohmann::json> load(const std::string& name);
    // Loads NAME.json and hands it to `read`, which throws (core::ShapeError, or any exception)
    // when the value is not what it must be: a wrong type, a missing key, a value out of range.
    // Then the file is set aside with the reason, as for broken JSON, and false is returned, so
    // a hand edit or an older version's file never stops OBS from starting. `what` names the
    // file's role in that message ("a question queue"). True when there was a file and `read`
    // took it.
    bool read(const std::string& name, const std::string& what,
              const std::function<void(const nlohmann::json&)>& read);
    bool save(const std::string& name, const nlohmann::json& value, std::string& error,
              Survives survives = Survives::power_cut);
    // Saves text that already is a JSON document (a caller that writes its own, cheaper than
    // building the value: the question queue in a flood), the same way.
    bool save_text(const std::string& name, const std::string& json, std::string& error,
                   Survives survives = Survives::power_cut);
    // The same for a document made of pieces (the question queue: megabytes in a long session,
    // written from its saved lines as they are).
    bool save_pieces(const std::string& name, const Pieces& json, std::string& error,
                     Survives survives = Survives::power_cut);
    // Moves a file that parsed but holds nonsense aside (as load does with broken JSON), so the
    // next save cannot overwrite what the presenter may want back. Logs why.
    void set_aside(const std::string& name, const std::string& why);
    // NAME.json holds secrets (API keys, bot tokens): it is written owner-only, and when it
    // cannot be read it is deleted rather than set aside, so no copy of a secret is left about.
    void keep_secret(const std::string& name);

    // Files beside the JSON ones, by their whole name (a journal, NAME.journal): appended to
    // durably, read whole (nothing when missing; a file that cannot be read, or one over 64 MiB,
    // is set aside), removed, or copied aside (FILE.corrupt-<time>) with the reason logged and
    // said in the dock, the file itself left for its owner to replace.
    bool append(const std::string& file, std::string_view bytes, std::string& error);
    std::optional<std::string> read_text(const std::string& file);
    bool remove(const std::string& file, std::string& error);
    void copy_aside(const std::string& file, const std::string& why);

    std::filesystem::path path_of(const std::string& name) const;
    const std::filesystem::path& folder() const { return folder_; }

    // Tests only: runs after the temporary file is on disk, before it replaces the old one.
    std::function<void(const std::filesystem::path& temporary)> before_rename;
    // Tests only: runs before bytes are appended to a file.
    std::function<void(const std::string& file, std::string_view bytes)> before_append;

private:
    // Renames a broken file to NAME.json.corrupt-<time>, logs the path followed by `why`
    // (" is not a JSON object", ": not a question queue ...") and says so in the dock's status;
    // mutex_ is held.
    void move_aside(const std::filesystem::path& path, const std::string& why);
    // The file's text, or nothing when it is missing or cannot be read (then it is moved
    // aside); mutex_ is held.
    std::optional<std::string> read_bounded(const std::filesystem::path& path);

    bool secret(const std::string& name) const;

    std::filesystem::path folder_;
    Logger log_;
    std::mutex mutex_;
    std::set<std::string> secrets_;
};

} // namespace stagehand::control
