#include "core/base/utf8_path.hpp"
#include "core/code/file_watcher.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include <unistd.h>
#if !defined(_WIN32)
#include <sys/stat.h>
#endif

using namespace stagehand::core::code;
using namespace std::chrono_literals;

namespace {

class FileWatcherTest : public ::testing::Test {
protected:
    void SetUp() override {
        // One folder per test and process (tests of one binary may run side by side), named
        // with a letter outside ASCII as a user's folder may be: the watcher takes paths as
        // UTF-8, which on Windows is not what a narrow std::filesystem path is read as.
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        const auto folder =
            std::filesystem::temp_directory_path() /
            stagehand::core::utf8_path("stagehand-watch-Zo\xC3\xAB-" + std::string(info->name()) +
                                       "-" + std::to_string(::getpid()));
        std::filesystem::remove_all(folder);
        ASSERT_TRUE(std::filesystem::create_directories(folder));
        dir_ = stagehand::core::path_utf8(folder);
        path_ = dir_ + "/snippet.ts";
    }
    void TearDown() override { std::filesystem::remove_all(file(dir_)); }

    static std::filesystem::path file(const std::string& utf8) {
        return stagehand::core::utf8_path(utf8);
    }

    void write(const std::string& content) {
        // Like an editor's save: a new file renamed over the old one.
        const auto tmp = file(path_ + ".tmp");
        std::ofstream(tmp, std::ios::binary) << content;
        std::filesystem::rename(tmp, file(path_));
    }

    // Waits (up to 3 s) until the snapshot satisfies `done`.
    template <typename Done>
    FileSnapshot wait_for(FileWatcher& w, Done done) {
        const auto deadline = std::chrono::steady_clock::now() + 3s;
        FileSnapshot s = w.snapshot();
        while (!done(s) && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(20ms);
            s = w.snapshot();
        }
        return s;
    }

    std::string dir_;
    std::string path_;
};

} // namespace

TEST_F(FileWatcherTest, ReadsTheFileAndFollowsSaves) {
    write("const a = 1;\n");
    std::atomic<int> changes{0};
    FileWatcher w(path_, [&] { ++changes; });
    auto s = wait_for(w, [](const FileSnapshot& f) { return f.text != nullptr; });
    ASSERT_NE(s.text, nullptr);
    EXPECT_EQ(*s.text, "const a = 1;\n");
    EXPECT_TRUE(s.error.empty());

    write("const a = 2;\n");
    s = wait_for(w, [](const FileSnapshot& f) { return f.text && *f.text == "const a = 2;\n"; });
    EXPECT_EQ(*s.text, "const a = 2;\n");
    EXPECT_GE(changes.load(), 2);
}

TEST_F(FileWatcherTest, KeepsTheLastGoodTextWhenTheFileGoesBad) {
    write("good\n");
    FileWatcher w(path_, nullptr, FileWatcher::Options{std::chrono::milliseconds(50), 1024});
    wait_for(w, [](const FileSnapshot& f) { return f.text != nullptr; });

    write(std::string("bin\0ary", 7));
    auto s = wait_for(w, [](const FileSnapshot& f) { return !f.error.empty(); });
    EXPECT_NE(s.error.find("binary"), std::string::npos) << s.error;
    EXPECT_EQ(*s.text, "good\n");

    write(std::string(4096, 'x'));
    s = wait_for(w, [](const FileSnapshot& f) { return f.error.find("KB") != std::string::npos; });
    EXPECT_NE(s.error.find("file is 4 KB; the code overlay shows files up to 1 KB"),
              std::string::npos)
        << s.error;
    EXPECT_EQ(*s.text, "good\n");

    std::filesystem::remove(file(path_));
    s = wait_for(
        w, [](const FileSnapshot& f) { return f.error.find("not found") != std::string::npos; });
    EXPECT_NE(s.error.find("file not found (showing its last content)"), std::string::npos)
        << s.error;
    EXPECT_EQ(*s.text, "good\n");

    write("back\n");
    s = wait_for(w, [](const FileSnapshot& f) { return f.text && *f.text == "back\n"; });
    EXPECT_TRUE(s.error.empty()) << s.error;
}

TEST_F(FileWatcherTest, AFiftyMegabyteFileIsRefusedWithoutReadingIt) {
    // The default limit, a 50 MB file (sparse: the size is what counts, it is never read).
    write("small\n");
    FileWatcher w(path_, nullptr, FileWatcher::Options{std::chrono::milliseconds(50)});
    wait_for(w, [](const FileSnapshot& f) { return f.text != nullptr; });
    std::filesystem::resize_file(file(path_), 50u * 1024u * 1024u);
    const auto s =
        wait_for(w, [](const FileSnapshot& f) { return f.error.find("MB") != std::string::npos; });
    EXPECT_NE(s.error.find("file is 50.0 MB; the code overlay shows files up to 5.0 MB"),
              std::string::npos)
        << s.error;
    ASSERT_TRUE(s.text);
    EXPECT_EQ(*s.text, "small\n");
}

TEST_F(FileWatcherTest, AnEmptiedFileIsBelievedOnlyAfterASecond) {
    write("content\n");
    FileWatcher w(path_, nullptr, FileWatcher::Options{std::chrono::milliseconds(50), 1 << 20});
    wait_for(w, [](const FileSnapshot& f) { return f.text != nullptr; });
    // An editor truncating before it writes: the empty file must not blank the overlay.
    std::ofstream(file(path_), std::ios::trunc).close();
    std::this_thread::sleep_for(400ms);
    EXPECT_EQ(*w.snapshot().text, "content\n");
    auto s = wait_for(w, [](const FileSnapshot& f) { return f.text && f.text->empty(); });
    EXPECT_TRUE(s.text->empty()) << "a file that stays empty is shown empty";
}

TEST_F(FileWatcherTest, InvalidUtf8IsShownWithANote) {
    write(std::string("ok \xC3\x28 end\n"));
    FileWatcher w(path_, nullptr);
    auto s = wait_for(w, [](const FileSnapshot& f) { return f.text != nullptr; });
    ASSERT_NE(s.text, nullptr);
    EXPECT_NE(s.error.find("not valid UTF-8"), std::string::npos);
}

TEST_F(FileWatcherTest, AMissingFileSaysSo) {
    FileWatcher w(dir_ + "/nope.cs", nullptr);
    auto s = wait_for(w, [](const FileSnapshot& f) { return !f.error.empty(); });
    EXPECT_NE(s.error.find("nope.cs: file not found"), std::string::npos) << s.error;
    EXPECT_EQ(s.text, nullptr);
}

// A followed path that becomes a FIFO (a mistaken pick, a hostile remote request) must not
// block the watcher's thread waiting for a writer: it says so and stops when asked.
TEST_F(FileWatcherTest, AFifoIsRefusedWithoutBlockingTheWatcher) {
#if defined(_WIN32)
    GTEST_SKIP() << "Windows has no FIFOs in folders";
#else
    ASSERT_EQ(::mkfifo(path_.c_str(), 0600), 0);
    {
        FileWatcher w(path_, nullptr);
        auto s = wait_for(w, [](const FileSnapshot& f) { return !f.error.empty(); });
        EXPECT_NE(s.error.find("snippet.ts: is not a regular file"), std::string::npos) << s.error;
        EXPECT_EQ(s.text, nullptr);
    } // the destructor joins the thread: a blocked read would hang here
    // Replaced by a real file, the same path is followed again.
    std::filesystem::remove(file(path_));
    write("const x = 1;");
    FileWatcher again(path_, nullptr);
    auto s = wait_for(again, [](const FileSnapshot& f) { return f.text != nullptr; });
    ASSERT_NE(s.text, nullptr);
    EXPECT_EQ(*s.text, "const x = 1;");
#endif
}
