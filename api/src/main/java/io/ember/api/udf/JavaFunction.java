package io.ember.api.udf;

/**
 * A Java UDF ({@link UDF0} .. {@link UDF10}) with its number of arguments, callable with an array of them.
 * {@code function} is the user's object: a lambda or another class of the program, which a plan bound for
 * another node cannot carry: a task holding one fails with {@code NOT_SHIPPABLE} when it is placed on another
 * node of a cluster, the error's trace naming this record's {@code function} field.
 */
record JavaFunction(Object function, int arity) {
  /** Calls the function with {@code args} ({@code arity} of them, nulls included). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Object call(Object[] args) throws Exception {
    return switch (arity) {
      case 0 -> ((UDF0) function).call();
      case 1 -> ((UDF1) function).call(args[0]);
      case 2 -> ((UDF2) function).call(args[0], args[1]);
      case 3 -> ((UDF3) function).call(args[0], args[1], args[2]);
      case 4 -> ((UDF4) function).call(args[0], args[1], args[2], args[3]);
      case 5 -> ((UDF5) function).call(args[0], args[1], args[2], args[3], args[4]);
      case 6 -> ((UDF6) function).call(args[0], args[1], args[2], args[3], args[4], args[5]);
      case 7 -> ((UDF7) function).call(args[0], args[1], args[2], args[3], args[4], args[5], args[6]);
      case 8 -> ((UDF8) function).call(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7]);
      case 9 -> ((UDF9) function).call(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7],
          args[8]);
      case 10 -> ((UDF10) function).call(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7],
          args[8], args[9]);
      default -> throw new IllegalStateException("No Java UDF interface takes " + arity + " arguments");
    };
  }
}
