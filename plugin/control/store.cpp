#include "control/store.hpp"

#include "control/status_board.hpp"
#include "core/base/bounded_file.hpp"

#include <chrono>
#include <ctime>
#include <system_error>
#include <utility>

namespace stagehand::control {

namespace fs = std::filesystem;

namespace {

std::string timestamp() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm parts{};
#if defined(_WIN32)
    gmtime_s(&parts, &now);
#else
    gmtime_r(&now, &parts);
#endif
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &parts);
    return text;
}

} // namespace

Store::Store(fs::path folder, Logger log)
    : folder_(std::move(folder))
    , log_(std::move(log)) {}

fs::path Store::path_of(const std::string& name) const {
    return folder_ / (name + ".json");
}

std::optional<nlohmann::json> Store::load(const std::string& name) {
    std::lock_guard lock(mutex_);
    const fs::path path = path_of(name);
    const auto text = read_bounded(path);
    if (!text)
        return std::nullopt;
    auto parsed = nlohmann::json::parse(*text, nullptr, false);
    // Constructed explicitly: json converts to anything, and g++ 16 warns that the implicit
    // conversion to optional<json> could also have gone through json's conversion operator.
    if (!parsed.is_discarded() && parsed.is_object())
        return std::optional<nlohmann::json>(std::move(parsed));
    move_aside(path, " is not a JSON object");
    return std::nullopt;
}

void Store::keep_secret(const std::string& name) {
    std::lock_guard lock(mutex_);
    secrets_.insert(path_of(name).filename().string());
}

bool Store::secret(const std::string& file_name) const {
    return secrets_.count(file_name) > 0;
}

std::optional<std::string> Store::read_bounded(const fs::path& path) {
    // The largest file Stagehand writes (a queue of 100,000 questions) is far below this.
    constexpr std::uint64_t kMaxStoredBytes = 64u * 1024u * 1024u;
    core::FileRead read = core::read_bounded_file(path, kMaxStoredBytes);
    if (read.missing)
        return std::nullopt;
    if (!read.text)
        move_aside(path, " " + read.error);
    return std::move(read.text);
}

void Store::move_aside(const fs::path& path, const std::string& why) {
    std::error_code ec;
    std::string line;
    if (secret(path.filename().string())) {
        // A copy would be one more place a key lies about: it is entered again instead.
        fs::remove(path, ec);
        line = path.string() + why + "; " +
               (ec ? "it could not be removed (" + ec.message() + ")"
                   : std::string("removed (it held secrets: enter them again)"));
    } else {
        // Keep the broken file for the presenter (and a bug report), out of the way of the next
        // save.
        fs::path aside = path;
        aside += ".corrupt-" + timestamp();
        fs::rename(path, aside, ec);
        line = path.string() + why + "; " +
               (ec ? "it could not be moved aside (" + ec.message() + ")"
                   : "moved aside to " + aside.filename().string()) +
               " and started afresh";
    }
    if (log_)
        log_(line);
    StatusBoard::global().set("store", path.filename().string(), Severity::warning, {line});
}

bool Store::read(const std::string& name, const std::string& what,
                 const std::function<void(const nlohmann::json&)>& read) {
    const auto saved = load(name);
    if (!saved)
        return false;
    std::string why;
    try {
        read(*saved);
        return true;
    } catch (const std::exception& e) {
        why = e.what();
    } catch (...) {
        why = "unreadable";
    }
    set_aside(name, "not " + what + " (" + why + ")");
    return false;
}

void Store::set_aside(const std::string& name, const std::string& why) {
    std::lock_guard lock(mutex_);
    move_aside(path_of(name), ": " + why);
}

bool Store::append(const std::string& file, std::string_view bytes, std::string& error) {
    if (before_append)
        before_append(file, bytes);
    std::lock_guard lock(mutex_);
    return append_durably(folder_ / file, bytes, error);
}

std::optional<std::string> Store::read_text(const std::string& file) {
    std::lock_guard lock(mutex_);
    return read_bounded(folder_ / file);
}

bool Store::remove(const std::string& file, std::string& error) {
    std::lock_guard lock(mutex_);
    std::error_code ec;
    fs::remove(folder_ / file, ec);
    if (ec)
        error = "cannot remove " + (folder_ / file).string() + ": " + ec.message();
    return !ec;
}

void Store::copy_aside(const std::string& file, const std::string& why) {
    std::lock_guard lock(mutex_);
    const fs::path path = folder_ / file;
    fs::path aside = path;
    aside += ".corrupt-" + timestamp();
    std::error_code ec;
    fs::copy_file(path, aside, fs::copy_options::overwrite_existing, ec);
    const std::string line = path.string() + ": " + why + "; " +
                             (ec ? "it could not be copied aside (" + ec.message() + ")"
                                 : "a copy kept as " + aside.filename().string());
    if (log_)
        log_(line);
    StatusBoard::global().set("store", path.filename().string(), Severity::warning, {line});
}

bool Store::save(const std::string& name, const nlohmann::json& value, std::string& error,
                 Survives survives) {
    // Invalid UTF-8 (from a platform that let it through) is replaced, never a throw mid-save.
    return save_text(name,
                     value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n",
                     error, survives);
}

bool Store::save_text(const std::string& name, const std::string& json, std::string& error,
                      Survives survives) {
    return save_pieces(
        name,
        [&json](const auto& put) {
            put(json);
            return true;
        },
        error, survives);
}

bool Store::save_pieces(const std::string& name, const Pieces& json, std::string& error,
                        Survives survives) {
    std::lock_guard lock(mutex_);
    const fs::path path = path_of(name);
    WriteOptions options;
    options.owner_only = secret(path.filename().string());
    options.survives = survives;
    options.before_rename = before_rename;
    return write_pieces_atomically(path, json, error, options);
}

} // namespace stagehand::control
