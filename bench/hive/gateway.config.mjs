// Hive Gateway settings for the bench: pass the learner's bearer token on to the subgraphs (Hive
// Gateway forwards no client headers by default; ours forwards Authorization and trace context).
export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      const authorization = request.headers.get('authorization');
      return authorization ? { authorization } : {};
    },
  },
};
