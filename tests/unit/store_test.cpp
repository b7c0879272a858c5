#include "control/store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include <unistd.h>

namespace fs = std::filesystem;
using stagehand::control::Store;
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
// SIGKILL would stop the process) leaves the old file whole.
TEST(Store, ACrashBeforeTheRenameLeavesTheOldFileWhole) {
    const auto folder = fresh_folder("crash");
    Store store(folder);
    std::string error;
    ASSERT_TRUE(store.save("slides", {{"current", 12}}, error));
    store.before_rename = [](const fs::path& temporary) {
        EXPECT_TRUE(fs::exists(temporary));
        throw std::runtime_error("killed");
    };
    EXPECT_THROW(store.save("slides", {{"current", 13}}, error), std::runtime_error);
    store.before_rename = nullptr;
    const auto loaded = store.load("slides");
    ASSERT_TRUE(loaded);
    EXPECT_EQ((*loaded)["current"], 12);
    fs::remove_all(folder);
}

// A reader never sees a half-written file: readers race a writer that alternates two large
// documents, and every read is one of them whole. Writing in place would show torn reads.
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
            const std::string seen = read(path);
            if (seen != a && seen != b)
                ++torn;
            ++reads;
        }
    });
    for (int i = 0; i < 60; ++i)
        ASSERT_TRUE(write_file_atomically(path, i % 2 ? a : b, error)) << error;
    done = true;
    reader.join();
    EXPECT_EQ(torn.load(), 0) << "of " << reads.load() << " reads";
    EXPECT_GT(reads.load(), 0);
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
    fs::create_symlink(outside, folder / "inside" / "x.json.tmp");
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
    const auto mode = [&](const char* name) {
        return fs::status(folder / name).permissions() &
               (fs::perms::group_all | fs::perms::others_all);
    };
    EXPECT_EQ(mode("secrets.json"), fs::perms::none);
    fs::remove_all(folder);
}
