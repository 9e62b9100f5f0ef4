package dev.hearth.client;

/**
 * One link of the chain that runs operations, as in cozy-client: a link either answers an
 * operation or passes it to the rest of the chain (a cache in front of the network, a local
 * database that answers some doctypes, ...). The last link must answer.
 */
@FunctionalInterface
public interface Link {
    /**
     * Runs {@code operation}, or forwards it with {@code next.forward(operation)}.
     *
     * @throws ClientException when the operation fails
     */
    Result request(Operation operation, Chain next);

    /** The rest of the chain after a link. */
    @FunctionalInterface
    interface Chain {
        Result forward(Operation operation);
    }

    /** Chains links: the first one is asked first. */
    static Chain chain(java.util.List<? extends Link> links) {
        Chain end = op -> {
            throw new ClientException(0, "no_link", "No link answered " + op);
        };
        Chain next = end;
        for (int i = links.size() - 1; i >= 0; i--) {
            Link link = links.get(i);
            Chain rest = next;
            next = op -> link.request(op, rest);
        }
        return next;
    }
}
