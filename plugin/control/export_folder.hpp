#pragma once

#include "control/result.hpp"
#include "control/store.hpp"

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace stagehand::control {

// The one folder remote requests may write into (questions_export, and preset exports as they
// land). A request names a file in it ("talk.md"), or an absolute path that lies in it; nothing
// else: no other folder, no "..", no link out, and no file that Stagehand did not write itself
// is ever replaced. Which files it wrote is kept in the store (exports.json), so that holds
// across restarts. Thread-safe.
class ExportFolder {
public:
    // `store` keeps the list of files written; without one, only new files are written.
    ExportFolder(std::filesystem::path folder, std::shared_ptr<Store> store);

    // Writes `bytes` atomically; on success the answer's data has the full path ("file").
    Result write(const std::string& file, std::string_view bytes);
    const std::filesystem::path& folder() const { return folder_; }

private:
    // The file `file` names in the folder, or an error saying why it names none.
    Result resolve(const std::string& file, std::filesystem::path& target) const;
    bool written_before(const std::string& name);
    void remember(const std::string& name);

    std::filesystem::path folder_;
    std::shared_ptr<Store> store_;
    std::mutex mutex_;
};

} // namespace stagehand::control
