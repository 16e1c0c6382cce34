#include "app/console_log.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

namespace bank {

namespace {

constexpr std::size_t buffered_bytes_max = 64 * 1024;
constexpr std::chrono::seconds flush_interval{1};

// Formatted lines gathered in memory and written to a file descriptor in one write.
class BufferedFdSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    explicit BufferedFdSink(int fd) : fd_(fd) { buffer_.reserve(buffered_bytes_max); }

protected:
    void sink_it_(const spdlog::details::log_msg& message) override {
        spdlog::memory_buf_t formatted;
        formatter_->format(message, formatted);
        buffer_.append(formatted.data(), formatted.size());
        if (message.level >= spdlog::level::warn || buffer_.size() >= buffered_bytes_max) {
            flush_();
        }
    }

    void flush_() override {
        std::size_t written = 0;
        while (written < buffer_.size()) {
            const ssize_t result = ::write(fd_, buffer_.data() + written, buffer_.size() - written);
            if (result < 0 && errno == EINTR) continue;
            // Nowhere left to say that the log cannot be written: drop it rather than block.
            if (result <= 0) break;
            written += static_cast<std::size_t>(result);
        }
        buffer_.clear();
    }

private:
    int fd_;
    std::string buffer_;
};

}  // namespace

void use_console_log() {
    if (::isatty(STDOUT_FILENO) != 0) return;  // spdlog's default: coloured, a write per line
    auto logger =
        std::make_shared<spdlog::logger>("", std::make_shared<BufferedFdSink>(STDOUT_FILENO));
    spdlog::set_default_logger(std::move(logger));
    spdlog::flush_every(flush_interval);
}

void flush_console_log() { spdlog::default_logger_raw()->flush(); }

}  // namespace bank
