package dev.floe.storage.io;

/** The kinds of {@link ObjectStore} call, for counting and fault injection. */
public enum StoreOp {
  GET,
  GET_RANGE,
  LIST,
  PUT_IF_ABSENT,
  PUT,
  DELETE
}
