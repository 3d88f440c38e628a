// Run by the mongo image once, when its data volume is first initialised (as the root user):
// creates the bot's own user, which may only read and write the bot's database.
const database = process.env.MONGO_APP_DATABASE || "mentorship";
db.getSiblingDB(database).createUser({
  user: process.env.MONGO_APP_USER,
  pwd: process.env.MONGO_APP_PASSWORD,
  roles: [{ role: "readWrite", db: database }],
});
