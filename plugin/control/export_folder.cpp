#include "control/export_folder.hpp"

#include "core/base/json_fields.hpp"

#include <algorithm>
#include <system_error>
#include <vector>

namespace stagehand::control {

namespace fs = std::filesystem;

namespace {

constexpr const char* kExportsStore = "exports"; // exports.json: the files Stagehand wrote
constexpr std::size_t kRemembered = 1000;

std::string quoted(const std::string& text) {
    return "\"" + text + "\"";
}

std::vector<std::string> written_files(Store& store) {
    std::vector<std::string> files;
    store.read(kExportsStore, "a list of exported files", [&](const nlohmann::json& json) {
        const core::Fields root(json);
        root.expect_string("format", "stagehand.exports");
        root.required_integer("version", 1, 1);
        files = root.strings("files");
    });
    return files;
}

} // namespace

ExportFolder::ExportFolder(fs::path folder, std::shared_ptr<Store> store)
    : folder_(std::move(folder))
    , store_(std::move(store)) {}

Result ExportFolder::resolve(const std::string& file, fs::path& target) const {
    if (folder_.empty())
        return Result::failure("no export folder is set: exports are written only there");
    if (file.empty())
        return Result::failure("file: expected a file name in the export folder (" +
                               folder_.string() + ")");
    const fs::path asked(file);
    fs::path name;
    if (asked.is_absolute()) {
        // An absolute path is taken when it lies directly in the export folder.
        std::error_code ec;
        const fs::path parent = fs::weakly_canonical(asked.parent_path(), ec);
        const fs::path home = fs::weakly_canonical(folder_, ec);
        if (ec || parent != home)
            return Result::failure("file " + quoted(file) + ": exports are written only in " +
                                   folder_.string() + " (give a file name there)");
        name = asked.filename();
    } else {
        if (asked.has_parent_path() || asked.filename() != asked)
            return Result::failure("file " + quoted(file) +
                                   ": expected a file name, without folders, in " +
                                   folder_.string());
        name = asked;
    }
    if (name.empty() || name == "." || name == ".." || name.string().front() == '.')
        return Result::failure("file " + quoted(file) + ": expected a file name, like talk.md");
    target = folder_ / name;
    return Result::success();
}

bool ExportFolder::written_before(const std::string& name) {
    if (!store_)
        return false;
    const auto files = written_files(*store_);
    return std::find(files.begin(), files.end(), name) != files.end();
}

void ExportFolder::remember(const std::string& name) {
    if (!store_)
        return;
    auto files = written_files(*store_);
    if (std::find(files.begin(), files.end(), name) != files.end())
        return;
    files.push_back(name);
    if (files.size() > kRemembered)
        files.erase(files.begin(), files.end() - kRemembered);
    std::string error;
    store_->save(kExportsStore,
                 {{"format", "stagehand.exports"}, {"version", 1}, {"files", std::move(files)}},
                 error);
}

Result ExportFolder::write(const std::string& file, std::string_view bytes) {
    std::lock_guard lock(mutex_);
    fs::path target;
    if (Result resolved = resolve(file, target); !resolved)
        return resolved;
    std::error_code ec;
    fs::create_directories(folder_, ec);
    if (ec)
        return Result::failure("cannot create the export folder " + folder_.string() + ": " +
                               ec.message());
    const std::string name = target.filename().string();
    const auto status = fs::symlink_status(target, ec);
    if (fs::is_symlink(status))
        return Result::failure(target.string() + " is a link: exports never write through one");
    if (fs::exists(status)) {
        if (!fs::is_regular_file(status))
            return Result::failure(target.string() + " exists and is not a file");
        if (!written_before(name))
            return Result::failure(target.string() +
                                   " exists and was not written by Stagehand: choose another name");
    }
    std::string error;
    if (!write_file_atomically(target, bytes, error))
        return Result::failure(error);
    remember(name);
    return Result::success({{"file", target.string()}});
}

} // namespace stagehand::control
