#include "control/store.hpp"
#include "core/base/bounded_file.hpp"
#include "core/base/utf8_path.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <unistd.h>

namespace fs = std::filesystem;
using stagehand::control::Store;
using stagehand::control::Survives;
using stagehand::control::write_file_atomically;

namespace {

fs::path fresh_folder(const std::string& name) {
    auto folder =
        fs::temp_directory_path() / ("stagehand-store-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    return folder;
}

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST(Store, SavesAndLoadsAndCreatesItsFolder) {
    const auto folder = fresh_folder("roundtrip");
    Store store(folder / "nested");
    std::string error;
    ASSERT_TRUE(store.save("queue", {{"version", 1}, {"items", {1, 2, 3}}}, error)) << error;
    const auto loaded = store.load("queue");
    ASSERT_TRUE(loaded);
    EXPECT_EQ((*loaded)["items"], nlohmann::json({1, 2, 3}));
    EXPECT_FALSE(store.load("missing"));
    EXPECT_FALSE(fs::exists(store.path_of("queue").string() + ".tmp")) << "no temporary left";
    fs::remove_all(folder);
}

// A crash between writing the new file and replacing the old one (the hook throws there, as a
// SIGKILL would stop the process) leaves the old file whole: for a save flushed to the disk and
// for one that is not (a code step), which differ only in what a power cut does.
TEST(Store, ACrashBeforeTheRenameLeavesTheOldFileWhole) {
    for (const Survives survives : {Survives::power_cut, Survives::crash}) {
        SCOPED_TRACE(survives == Survives::crash ? "crash only" : "power cut");
        const auto folder = fresh_folder("crash");
        Store store(folder);
        std::string error;
        ASSERT_TRUE(store.save("slides", {{"current", 12}}, error, survives));
        store.before_rename = [](const fs::path& temporary) {
            EXPECT_TRUE(fs::exists(temporary));
            EXPECT_EQ(fs::file_size(temporary),
                      fs::file_size(temporary.parent_path() / "slides.json"))
                << "the new file is not whole before it replaces the old one";
            throw std::runtime_error("killed");
        };
        EXPECT_THROW(store.save("slides", {{"current", 13}}, error, survives), std::runtime_error);
        store.before_rename = nullptr;
        auto loaded = store.load("slides");
        ASSERT_TRUE(loaded);
        EXPECT_EQ((*loaded)["current"], 12);
        ASSERT_TRUE(store.save("slides", {{"current", 14}}, error, survives)) << error;
        loaded = store.load("slides");
        ASSERT_TRUE(loaded);
        EXPECT_EQ((*loaded)["current"], 14);
        EXPECT_EQ(std::distance(fs::directory_iterator(folder), fs::directory_iterator()), 1)
            << "a temporary file was left beside it";
        fs::remove_all(folder);
    }
}

// OBS's configuration lives under the user's folder, and user names are not all ASCII
// ("C:\\Users\\Zoë\\AppData\\..."): saving, loading and setting aside work there too.
TEST(Store, WorksInAFolderWhoseNameIsNotAscii) {
    const auto folder =
        fresh_folder("unicode") / stagehand::core::utf8_path("Zo\xC3\xAB \xE5\x8F\xB0");
    Store store(folder);
    std::string error;
    ASSERT_TRUE(store.save("slides", {{"current", 7}}, error)) << error;
    EXPECT_TRUE(fs::is_regular_file(folder / "slides.json"));
    const auto loaded = store.load("slides");
    ASSERT_TRUE(loaded);
    EXPECT_EQ((*loaded)["current"], 7);
    { std::ofstream(folder / "broken.json") << "{"; }
    EXPECT_FALSE(store.load("broken"));
    EXPECT_FALSE(fs::exists(folder / "broken.json")) << "moved aside";
    fs::remove_all(folder.parent_path());
}

// A reader never sees a half-written file: readers race a writer that alternates two large
// documents, and every read is one of them whole. Writing in place would show torn reads. The
// reader reads as the plugin does (core::read_bounded_file), which on Windows lets the file be
// replaced while it is open.
TEST(Store, ReadersNeverSeeAHalfWrittenFile) {
    const auto folder = fresh_folder("torn");
    fs::create_directories(folder);
    const fs::path path = folder / "queue.json";
    const std::string a = nlohmann::json{{"fill", std::string(256 * 1024, 'a')}}.dump();
    const std::string b = nlohmann::json{{"fill", std::string(300 * 1024, 'b')}}.dump();
    std::string error;
    ASSERT_TRUE(write_file_atomically(path, a, error));
    std::atomic<bool> done{false};
    std::atomic<int> torn{0};
    std::atomic<int> reads{0};
    std::thread reader([&] {
        while (!done) {
            const auto file = stagehand::core::read_bounded_file(path, 1u << 20);
            const std::string seen = file.text ? *file.text : std::string();
            if (seen != a && seen != b)
                ++torn;
            ++reads;
#if defined(_WIN32)
            // Where Windows cannot rename over an open file (before Windows 10's POSIX renames,
            // on FAT drives, under Wine) the writer waits for a gap between reads: a reader
            // that never let go would hold every save off, as it would any program's.
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
#endif
        }
    });
    int failed = 0;
    for (int i = 0; i < 60; ++i)
        if (!write_file_atomically(path, i % 2 ? a : b, error))
            ++failed;
    done = true;
    reader.join();
    EXPECT_EQ(failed, 0) << error;
    EXPECT_EQ(torn.load(), 0) << "of " << reads.load() << " reads";
    EXPECT_GT(reads.load(), 0);
    fs::remove_all(folder);
}

// Another program reading the file at the moment of a save (a virus scanner, a sync client, an
// editor: on Windows they open it without letting it be replaced) delays the save, never fails
// it, and the new content lands.
TEST(Store, AProgramHoldingTheFileForAMomentDoesNotFailTheSave) {
    const auto folder = fresh_folder("held");
    fs::create_directories(folder);
    const fs::path path = folder / "queue.json";
    std::string error;
    ASSERT_TRUE(write_file_atomically(path, "old", error)) << error;
    std::atomic<bool> opened{false};
    std::thread holder([&] {
        std::ifstream held(path, std::ios::binary); // a plain open: no FILE_SHARE_DELETE
        opened = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
    });
    while (!opened)
        std::this_thread::yield();
    const bool saved = write_file_atomically(path, "new", error);
    holder.join();
    EXPECT_TRUE(saved) << error;
    EXPECT_EQ(read(path), "new");
    fs::remove_all(folder);
}

TEST(Store, ACorruptFileIsMovedAsideLoggedAndTreatedAsMissing) {
    const auto folder = fresh_folder("corrupt");
    fs::create_directories(folder);
    { std::ofstream(folder / "queue.json") << "{\"questions\": [1, 2"; }
    std::vector<std::string> logged;
    Store store(folder, [&](const std::string& line) { logged.push_back(line); });
    EXPECT_FALSE(store.load("queue"));
    ASSERT_EQ(logged.size(), 1u);
    EXPECT_NE(logged[0].find("queue.json is not a JSON object"), std::string::npos) << logged[0];
    EXPECT_NE(logged[0].find("moved aside to queue.json.corrupt-"), std::string::npos) << logged[0];
    EXPECT_FALSE(fs::exists(folder / "queue.json"));
    int aside = 0;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().filename().string().starts_with("queue.json.corrupt-")) {
            ++aside;
            EXPECT_EQ(read(entry.path()), "{\"questions\": [1, 2") << "kept as it was";
        }
    EXPECT_EQ(aside, 1);
    std::string error;
    EXPECT_TRUE(store.save("queue", {{"questions", nlohmann::json::array()}}, error));
    EXPECT_TRUE(store.load("queue"));
    fs::remove_all(folder);
}

TEST(Store, AFailedWriteSaysWhereAndKeepsTheOldFile) {
    const auto folder = fresh_folder("failed");
    fs::create_directories(folder);
    std::string error;
    ASSERT_TRUE(write_file_atomically(folder / "x.json", "{}", error));
    // The temporary's name is taken by a folder: the write cannot happen.
    fs::create_directories(folder / "x.json.tmp");
    EXPECT_FALSE(write_file_atomically(folder / "x.json", "{\"new\":1}", error));
    EXPECT_NE(error.find("x.json.tmp"), std::string::npos) << error;
    EXPECT_EQ(read(folder / "x.json"), "{}");
    fs::remove_all(folder);
}

// A link planted under the temporary file's name must not redirect the write outside.
TEST(Store, AWriteNeverFollowsALinkLeftUnderTheTemporaryName) {
    const auto folder = fresh_folder("link");
    fs::create_directories(folder / "inside");
    const fs::path outside = folder / "outside.txt";
    std::ofstream(outside) << "keep me";
    std::error_code ec;
    fs::create_symlink(outside, folder / "inside" / "x.json.tmp", ec);
    if (ec) // Windows without developer mode, and Wine, make none
        GTEST_SKIP() << "no symbolic links here: " << ec.message();
    std::string error;
    ASSERT_TRUE(write_file_atomically(folder / "inside" / "x.json", "{}", error)) << error;
    EXPECT_EQ(read(outside), "keep me");
    EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(folder / "inside" / "x.json")));
    fs::remove_all(folder);
}

TEST(Store, SecretsAreWrittenOwnerOnly) {
    const auto folder = fresh_folder("secret");
    Store store(folder);
    store.keep_secret("secrets");
    std::string error;
    ASSERT_TRUE(store.save("secrets", {{"youtube", {{"key", "k"}}}}, error)) << error;
#if defined(_WIN32)
    // No mode bits: the file takes the access list of the user's own profile folder.
    EXPECT_TRUE(fs::is_regular_file(folder / "secrets.json"));
#else
    EXPECT_EQ(fs::status(folder / "secrets.json").permissions() &
                  (fs::perms::group_all | fs::perms::others_all),
              fs::perms::none);
#endif
    fs::remove_all(folder);
}
