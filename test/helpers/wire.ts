/**
 * What the server sends: acknowledgements, events and JSON bodies. Tests read the fields they
 * assert on, and an assertion (not the type) is what fails when a field is wrong.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: the shape is what the test checks
export type Wire = any;
