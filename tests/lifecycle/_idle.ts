/** A process that idles until killed, whose command line the identity tests inspect. */

setInterval(() => {}, 60_000);
