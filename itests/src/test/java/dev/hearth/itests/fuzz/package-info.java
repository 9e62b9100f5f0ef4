/**
 * Fuzzing of the built distribution over real sockets, because the contract of an HTTP server
 * holds for any bytes a client can send, not only for the requests its clients make.
 *
 * <p>{@link dev.hearth.itests.fuzz.HttpFuzzIT} replays the {@link dev.hearth.itests.fuzz.RegressionCorpus},
 * checks that idle unauthenticated websockets are closed and capped
 * ({@link dev.hearth.itests.fuzz.IdleUpgradeCheck}), then sends seeded requests to every route of
 * {@link dev.hearth.itests.fuzz.RouteCatalog} ({@link dev.hearth.itests.fuzz.RequestGenerator},
 * {@link dev.hearth.itests.fuzz.Mutations}, {@link dev.hearth.itests.fuzz.BodyMutator}) and
 * realtime sessions ({@link dev.hearth.itests.fuzz.WebSocketFuzzer}), judging every answer with the
 * {@link dev.hearth.itests.fuzz.Oracle} and {@link dev.hearth.itests.fuzz.FrameOracle}.
 * {@link dev.hearth.itests.fuzz.BulkMemoryIT} sends concurrent 100 MB bulk writes to a server
 * with a bounded heap.
 *
 * <pre>
 * ./mvnw -B -q package -DskipTests
 * ./mvnw -B -q -pl itests verify -Dit.test=HttpFuzzIT -Dhearth.e2e.skip -Dsurefire.skip=true \
 *     [-Dhearth.fuzz.seed=20261206] [-Dhearth.fuzz.requests=3000] [-Dhearth.fuzz.websockets=40]
 * ./mvnw -B -q -pl itests verify -Dit.test=BulkMemoryIT -Dhearth.e2e.skip -Dsurefire.skip=true
 * </pre>
 *
 * <p>The summary in the test log lists failures grouped by route, problem and kind of mutation,
 * each with the seed, the case number and the raw request: rerunning with the same seed sends
 * the same requests.
 */
package dev.hearth.itests.fuzz;
