#include "core/base/bounded_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>
#if !defined(_WIN32)
#include <sys/stat.h>
#endif

namespace fs = std::filesystem;
using stagehand::core::read_bounded_file;

namespace {

fs::path fresh_folder(const std::string& name) {
    auto folder = fs::temp_directory_path() /
                  ("stagehand-bounded-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
    return folder;
}

} // namespace

TEST(BoundedFile, ReadsARegularFileWhole) {
    const auto folder = fresh_folder("plain");
    std::ofstream(folder / "a.txt") << "hello";
    const auto read = read_bounded_file((folder / "a.txt").string(), 5);
    ASSERT_TRUE(read.text) << read.error;
    EXPECT_EQ(*read.text, "hello");
    fs::remove_all(folder);
}

TEST(BoundedFile, RefusesWhatIsTooBigMissingOrNotAFile) {
    const auto folder = fresh_folder("refused");
    std::ofstream(folder / "big.txt") << std::string(2048, 'x');
    auto read = read_bounded_file((folder / "big.txt").string(), 1024);
    EXPECT_FALSE(read.text);
    EXPECT_EQ(read.error, "is 2 KB; at most 1 KB is read");

    read = read_bounded_file((folder / "nothing.txt").string(), 1024);
    EXPECT_TRUE(read.missing);
    EXPECT_EQ(read.error, "does not exist");

    read = read_bounded_file(folder.string(), 1024);
    EXPECT_EQ(read.error, "is a folder, not a file");

#if !defined(_WIN32) // Windows has neither FIFOs in folders nor /dev
    // A FIFO with no writer: refused at once (a blocking open would hang this test).
    ASSERT_EQ(::mkfifo((folder / "pipe").c_str(), 0600), 0);
    read = read_bounded_file((folder / "pipe").string(), 1024);
    EXPECT_FALSE(read.text);
    EXPECT_EQ(read.error, "is not a regular file");

    // A device that never ends.
    read = read_bounded_file("/dev/zero", 1024);
    EXPECT_EQ(read.error, "is not a regular file");
#endif
    fs::remove_all(folder);
}
