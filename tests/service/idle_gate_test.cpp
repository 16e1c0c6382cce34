// IdleGate (service/idle_gate.hpp): what it knows from this server's notes, when it asks the
// store, and that a note made while it asks is not lost to the answer.
#include "service/idle_gate.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>

namespace bank {
namespace {

using std::chrono::seconds;

class IdleGateTest : public ::testing::Test {
protected:
    ManualClock clock_{from_micros(1'795'594'184'123'456)};
    bool stored_ = false;  // whether the store has one
    int looks_ = 0;
    IdleGate gate_{[this] {
                       ++looks_;
                       return stored_;
                   },
                   clock_, seconds(30)};
};

TEST_F(IdleGateTest, AsksAtStartThenOnlyOncePerRecheck) {
    EXPECT_FALSE(gate_.should_run());
    for (int round = 0; round < 10; ++round) EXPECT_FALSE(gate_.should_run());
    EXPECT_EQ(looks_, 1);
    stored_ = true;  // made on another server
    clock_.advance(seconds(29));
    EXPECT_FALSE(gate_.should_run());
    clock_.advance(seconds(1));
    EXPECT_TRUE(gate_.should_run()) << "found at the recheck";
    EXPECT_EQ(looks_, 2);
    EXPECT_EQ(gate_.asked(), 13u);
    EXPECT_EQ(gate_.checks(), 2u);
}

TEST_F(IdleGateTest, ACreationHereIsKnownAtOnceAndARemovalAsksAgain) {
    EXPECT_FALSE(gate_.should_run());
    gate_.note_created();
    stored_ = true;
    EXPECT_TRUE(gate_.should_run());
    EXPECT_EQ(looks_, 1) << "without asking";
    gate_.note_removed();
    EXPECT_TRUE(gate_.should_run()) << "another one is left";
    EXPECT_EQ(looks_, 2);
    stored_ = false;
    gate_.note_removed();
    EXPECT_FALSE(gate_.should_run());
    EXPECT_EQ(looks_, 3);
}

TEST(IdleGate, ACreationWhileItAsksIsNotLostToAnOlderAnswer) {
    ManualClock clock(from_micros(1'795'594'184'123'456));
    IdleGate* self = nullptr;
    IdleGate gate(
        [&] {
            self->note_created();  // a request thread, between the read and its answer
            return false;
        },
        clock, seconds(30));
    self = &gate;
    EXPECT_TRUE(gate.should_run());
}

TEST(IdleGate, AFailedLookIsAskedAgain) {
    ManualClock clock(from_micros(1'795'594'184'123'456));
    bool fail = true;
    IdleGate gate(
        [&] {
            if (fail) throw std::runtime_error("the store is out");
            return true;
        },
        clock, seconds(30));
    EXPECT_THROW(gate.should_run(), std::runtime_error);
    fail = false;
    EXPECT_TRUE(gate.should_run());
}

}  // namespace
}  // namespace bank
