/* rapport-sample-data.c: the words and the story behind the demo book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is invented.  The demo book is written in English and
 * is not translated: it stands for the user's own data, which is not
 * translated either.
 */

#include "config.h"

#include <string.h>

#include "rapport-sample-data.h"

#define TABLE_LENGTH(name) const guint sample_n_##name = G_N_ELEMENTS (sample_##name)

const char * const sample_first_names[] = {
  "Amara", "Ben", "Carmen", "Dmitri", "Elena", "Farid", "Grace", "Hugo", "Ingrid", "Jamal",
  "Kavya", "Liam", "Mei", "Noah", "Olivia", "Priya", "Rosa", "Samuel", "Tara", "Umar",
  "Valentina", "Wei", "Ximena", "Yusuf", "Zara", "Aisha", "Bruno", "Chloé", "Diego", "Esther",
  "Femi", "Greta", "Hannah", "Ivan", "Julia", "Kofi", "Lucía", "Marcus", "Nadia", "Oscar",
  "Paul", "Renée", "Sven", "Theo", "Uma", "Victor", "Wanda", "Yara", "Anil", "Beatriz",
  "Colm", "Dalia", "Ethan", "Fatima", "Gabriel", "Helen", "Isaac", "Jin", "Kiri", "Miguel",
};
TABLE_LENGTH (first_names);

const char * const sample_last_names[] = {
  "Adeyemi", "Bauer", "Castillo", "Dubois", "Eriksen", "Fischer", "Gupta", "Hernández",
  "Ivanova", "Jensen", "Kim", "Lindqvist", "Moreau", "Nakamura", "O'Brien", "Patel", "Quinn",
  "Rossi", "Schmidt", "Tanaka", "Usman", "Varga", "Walsh", "Xu", "Yilmaz", "Zhang", "Abbott",
  "Brennan", "Chowdhury", "Dlamini", "Engel", "Ferreira", "Goldberg", "Horvat", "Iyer",
  "Jovanović", "Kowalski", "Larsen", "Mensah", "Novak", "Okonkwo", "O'Neill", "Petrov", "Ramos",
  "Santos", "Thompson", "Ueda", "Vasquez", "Weber", "Young", "Zimmerman", "Alvarez", "Bianchi",
  "Cohen", "Delgado", "Evans", "Fitzgerald", "Garcia", "Holm", "Ibrahim", "Kaur",
};
TABLE_LENGTH (last_names);

const char * const sample_company_stems[] = {
  "Harbor", "Summit", "Bluebird", "Cedar Ridge", "Northwind", "Ironbridge", "Maple Lane",
  "Lakeside", "Granite", "Riverbend", "Silver Birch", "Copperfield", "Oakmont", "Prairie",
  "Redwood", "Seaside", "Westgate", "Brightwater", "Foxglove", "Juniper", "Keystone",
  "Lighthouse", "Meadowbrook", "Pinecrest", "Quarry Hill", "Stonebridge", "Tidewater",
  "Union Square", "Willow Creek", "Evergreen",
};
TABLE_LENGTH (company_stems);

const char * const sample_notes[] = {
  "Decision maker is the operations director; {first} champions us internally.",
  "Prefers calls before 10 am.",
  "Budget year starts in July; talk upgrades in May.",
  "Met at the regional trade show.",
  "Two locations, planning a third.",
  "Training for a marathon; ask how it went.",
  "Detail-oriented: send a written summary after every call.",
  "Came in through the website chat.",
  "{first} is also on the chamber of commerce board.",
  "",
  "",
  "",
  "Pays on time; procurement needs three quotes for anything over $10,000.",
  "Runs {company} with a sibling; both sign off on purchases.",
  "Coaches youth soccer on Saturdays.",
};
TABLE_LENGTH (notes);

/* People outside the book, for reference calls and reciprocity. */
const char * const sample_leads[] = {
  "Dana Whitfield at Brightwater Accounting", "Marcus Bell at Westgate Realty",
  "Dr. Amir Saleh at Riverside Pediatrics", "Keisha Brown at Lakeside Unified",
  "Tomás Ortega at Ortega Landscaping", "Helen Park at Park & Lowe Architects",
  "Raj Malhotra at Summit Cold Storage", "Sophie Martin at Maple Lane Bakery",
  "Colin Hughes at Tidewater Marine", "Ana Lima at Lima Physio",
  "Gregor Stein at Stein Tool & Die", "Priscilla Yeo at Yeo Catering",
};
TABLE_LENGTH (leads);

/* A quote over two lines is parenthesised: clang takes two adjacent
 * literals in an array for a missing comma (-Wstring-concatenation). */
const char * const sample_quotes[] = {
  ("Honest advice, fair prices, and they never oversell. I recommend them to every business "
   "owner I know."),
  "They understood how we work before we had to explain it.",
  "Clear quote, no surprises on the invoice, and the crew cleaned up after themselves.",
  "Good value. The project ran a week late, but they kept us informed every single day.",
  "Professional from the first call to the last invoice.",
  "They listened, then built what we needed rather than what they wanted to sell.",
  "I trust them with our systems the way I trust my accountant with our books.",
  "When something breaks they call us before we notice.",
};
TABLE_LENGTH (quotes);

const SampleProduct sample_products[] = {
  [SAMPLE_WIFI] = { "Managed Wi-Fi install", 1250000,
    "Our Wi-Fi used to drop every afternoon. Since the install it simply works, and the whole "
    "team noticed." },
  [SAMPLE_BACKUP] = { "Cloud backup, annual plan", 480000,
    "We finally know our backups work, because they test a restore with us every quarter." },
  [SAMPLE_POS] = { "Point-of-sale terminals (4)", 560000,
    "Our checkout lines are shorter and the end-of-day report saves me an hour." },
  [SAMPLE_AUDIT] = { "Network security audit", 320000,
    "The audit found things our old provider had missed for years, and explained them in "
    "plain English." },
  [SAMPLE_SUPPORT] = { "Gold support plan (12 months)", 900000,
    "A real person picks up, every time, and usually fixes it while I am still on the line." },
  [SAMPLE_TRAINING] = { "Staff training workshop", 180000,
    "The training day paid for itself within a month in fewer support calls." },
  [SAMPLE_VOIP] = { "VoIP phone system", 740000,
    "Moving three sites to the new phones was painless, and calls no longer drop." },
  [SAMPLE_FLEET] = { "Fleet telematics (25 vehicles)", 1875000,
    "Our drivers grumbled at first; now they ask where the tracker is when one is missing." },
  [SAMPLE_SCANNING] = { "Document scanning service", 260000,
    "Twenty years of paper records, scanned and searchable in nine days." },
  [SAMPLE_SERVER] = { "Server room refresh", 4200000,
    "The new server room is quieter, cooler, and costs half as much to power as the old one." },
  [SAMPLE_LAPTOPS] = { "Laptop refresh (20 seats)", 2600000,
    "Twenty laptops set up, delivered and working on a Monday morning. Nobody lost a file." },
  [SAMPLE_MIGRATION] = { "Email and calendar migration", 950000,
    "The migration took one weekend and nobody lost an email. I did not think that was "
    "possible." },
};
TABLE_LENGTH (products);

const SampleIndustry sample_industries[] = {
  { "healthcare", "a practice to take on their staff health plan",
    { "Dental", "Family Clinic", "Physiotherapy", "Veterinary Hospital" } },
  { "retail", "a reliable local supplier",
    { "Outfitters", "Hardware", "Market", "Books" } },
  { "manufacturing", "a shop that could take a rush order",
    { "Machining", "Plastics", "Fabrication", "Foods" } },
  { "logistics", "a freight partner for the busy season",
    { "Freight", "Logistics", "Couriers", "Cold Storage" } },
  { "professional", "an advisor they could trust",
    { "Accounting", "Law Group", "Architects", "Insurance" } },
  { "education", "a training provider for new hires",
    { "Academy", "Learning Center", "Montessori", "Tutoring" } },
  { "hospitality", "a caterer for their client events",
    { "Hotel", "Bistro", "Catering", "Brewing Co." } },
};
TABLE_LENGTH (industries);

const SampleIndustry *
sample_industry_for (const char *tag)
{
  for (guint i = 0; i < G_N_ELEMENTS (sample_industries); i++)
    if (strcmp (sample_industries[i].tag, tag) == 0)
      return &sample_industries[i];
  g_return_val_if_reached (&sample_industries[0]);
}

/* How a prospect first came to us. */
const SampleLine sample_first_lines[] = {
  { "other", "Met {first} at the regional trade show; {company} is looking at the {product}." },
  { "email", "{first} filled in the contact form on our website asking about the {product}." },
  { "call", "Cold call to {company} got me through to {first}. Interested in the {product}; "
            "call back in a few weeks." },
  { "social", "{first} replied to my LinkedIn post about the {product}; set up a call." },
};
TABLE_LENGTH (first_lines);

const SampleLine sample_prospect_lines[] = {
  { "email", "Sent {first} a quote for the {product} with two options." },
  { "call", "Follow-up call with {first}: still comparing two vendors, decision expected next "
            "month." },
  { "meeting", "Demo of the {product} for {first} and their office manager." },
  { "email", "Emailed {first} a case study from a business like {company}." },
  { "social", "Connected with {first} on LinkedIn and shared our customer story video." },
  { "call", "{first} asked about financing for the {product}; sent the leasing options." },
};
TABLE_LENGTH (prospect_lines);

const SampleLine sample_customer_lines[] = {
  { "call", "Quick call with {first}: the team is settling in with the {product}, no issues." },
  { "call", "Called {first} about renewal timing. Budget is set in the spring; follow up then." },
  { "call", "{first} called with an invoicing question; sorted it with accounts the same day." },
  { "call", "Checked in by phone. {first} mentioned {company} may open a second location." },
  { "email", "Sent {first} the new price list and a note on what changed." },
  { "email", "Answered {first}'s questions about adding users, by email." },
  { "email", "Emailed {first} an article on cutting downtime that made me think of {company}." },
  { "meeting", "Lunch with {first} near {company}; talked about their plans for next year." },
  { "meeting", "Quarterly review at {company}: usage is up, two small feature requests noted." },
  { "social", "Congratulated {first} on LinkedIn on {company}'s anniversary." },
  { "social", "Shared {company}'s hiring post with my network." },
  { "gift", "Dropped off a box of local coffee for the team at {company}." },
  { "thank_you_note", "Thank-you card to {first} for an hour of their time at the review." },
  { "other", "Ran into {first} at the chamber of commerce breakfast." },
  { "other", "Invited {first} to our customer webinar; they signed up." },
};
TABLE_LENGTH (customer_lines);

const SampleLine sample_proposal_lines[2] = {
  { "meeting", "Walked {first} through the proposal for the {product}." },
  { "email", "Sent {first} the proposal for the {product}; they will go over it with their "
             "team." },
};

const SampleLine sample_closing_lines[3] = {
  { "meeting", "{first} signed for the {product}. Asked whether they would introduce us to a "
               "peer once it runs smoothly; they agreed." },
  { "call", "{first} signed for the {product}. Raised introductions; they would rather not, "
            "which is fine." },
  { "call", "{first} signed for the {product}; kickoff booked." },
};

const SampleLine sample_delivery_line =
  { "call", "Delivery check-in: the {product} is in and working; {first} had a couple of small "
            "questions." };

const SampleFeelingLine sample_satisfaction_lines[] = {
  { "delighted", { "call", "Asked {first} how the {product} is working out: they love it and "
                           "have told two peers already." } },
  { "satisfied", { "call", "Asked {first} how the {product} is working out: works well, a few "
                           "small requests noted." } },
  { "unhappy", { "call", "Asked {first} how the {product} is working out: frustrated with the "
                         "install delays. Escalated to support." } },
};
TABLE_LENGTH (satisfaction_lines);

/* {first} is the one spoken to, {other} the other side of the referral. */
const SampleStageLine sample_stage_lines[] = {
  { "promised", TRUE,
    { "call", "{first} promised to introduce me to {other} at the next chamber meeting." } },
  { "introduction_requested", TRUE,
    { "email", "Asked {first} for the introduction to {other} they had offered." } },
  { "introduced", FALSE,
    { "email", "{other_first} introduced me to {first} by email; replied to set up a call." } },
  { "contacted", FALSE,
    { "call", "First call with {first}; {other_first} had told them about us. Interested in the "
              "{product}." } },
  { "meeting", FALSE,
    { "meeting", "Met {first} at {company} to understand what they need; proposal for the "
                 "{product} to follow." } },
  { "lost", FALSE,
    { "call", "{first} went with another vendor for now; thanked them and left the door open." } },
};
TABLE_LENGTH (stage_lines);

const SampleLine sample_thanks_lines[3] = {
  { "thank_you_note", "Handwritten thank-you to {first} for introducing {other}." },
  { "call", "Called {first} to thank them for putting me in touch with {other}." },
  { "gift", "Sent {first} a gift basket: {other} just became a customer thanks to them." },
};

const SampleLine sample_informed_line =
  { "email", "Let {first} know how things stand with {other}." };

const char * const sample_referral_notes[3] = {
  "Asked {first} who else could use this; they named {other}.",
  "{first} offered, unprompted, to introduce {other}.",
  "{other} got in touch on their own and said {first} recommended us.",
};

const SampleStoryPerson sample_story_people[] = {
  [SAMPLE_ZOE] = {
    "Zoë Ångström", "Zoë", "Nordlys Design Studio", "zoe.angstrom@example.com",
    "+1 415 555 0117", "professional", "smb;professional;vip;partner", "customer", "delighted",
    "product_reference", "email", -1, 460, 150, 9, SAMPLE_WIFI,
    "Our best reference: happy to talk to prospects, but asked us to space the calls out." },
  [SAMPLE_JOSE] = {
    "José Núñez", "José", "Núñez Family Dental", "jose.nunez@example.org", "+1 305 555 0142",
    "healthcare", "smb;healthcare", "customer", "unknown", "none", "phone", -1, 40, -1, 20,
    SAMPLE_POS,
    "Introduced by Zoë. Two chairs; thinking about a second practice next year." },
  [SAMPLE_NGOZI] = {
    "Ngozi Okafor", "Ngozi", "Okafor Logistics", "ngozi.okafor@example.com", "+1 713 555 0163",
    "logistics", "enterprise;logistics;vip", "customer", "delighted", "none", "email", 7, 380,
    260, 2, SAMPLE_SERVER,
    "COO. Asked for no more than one touch a week; prefers email with a clear ask." },
  [SAMPLE_LUKASZ] = {
    "Łukasz Wróbel", "Łukasz", "Wróbel Print House", "lukasz.wrobel@example.org",
    "+1 773 555 0188", "manufacturing", "smb;manufacturing", "former", "unhappy", "none", "any",
    -1, 690, 520, 220, SAMPLE_SERVER,
    "Left for a competitor after the server room refresh ran three weeks late. Worth a "
    "friendly call now and then." },
  [SAMPLE_LAYLA] = {
    "ليلى حداد", "Layla", "Haddad Pharmacy", "layla.haddad@example.com", "+1 313 555 0129",
    "healthcare", "smb;healthcare;retail;vip", "customer", "delighted", "personal_letter",
    "meeting", -1, 560, 90, 45, SAMPLE_VOIP,
    "Wrote us a reference letter. Knows every pharmacist in the county and loves introducing "
    "people." },
  [SAMPLE_HANAKO] = {
    "山田 花子", "Hanako", "Sakura Kitchen Supply", "hanako.yamada@example.org",
    "+1 206 555 0151", "retail", "smb;retail", "prospect", "unknown", "none", "email", -1, 6,
    -1, 5, SAMPLE_POS,
    "Heard about us from Layla. Supplies restaurants around the Sound; their card terminals "
    "keep failing." },
};
TABLE_LENGTH (story_people);

const SampleStorySale sample_story_sales[] = {
  { SAMPLE_ZOE, SAMPLE_WIFI, 430, 410, "agreed" },
  { SAMPLE_ZOE, SAMPLE_SUPPORT, 170, 165, "agreed" },
  { SAMPLE_JOSE, SAMPLE_POS, 20, 4, "agreed" },
  { SAMPLE_NGOZI, SAMPLE_FLEET, 350, 320, "agreed" },
  { SAMPLE_NGOZI, SAMPLE_LAPTOPS, 290, 275, "agreed" },
  { SAMPLE_NGOZI, SAMPLE_SERVER, 2, -1, "no" },
  { SAMPLE_LUKASZ, SAMPLE_SERVER, 600, 540, "declined" },
  { SAMPLE_LAYLA, SAMPLE_BACKUP, 530, 520, "agreed" },
  { SAMPLE_LAYLA, SAMPLE_VOIP, 120, 105, "agreed" },
};
TABLE_LENGTH (story_sales);

const SampleStoryLine sample_story_lines[] = {
  { SAMPLE_ZOE, 300, { "meeting", "Lunch with Zoë. The studio is growing; she asked about "
                                  "support plans for next year." } },
  { SAMPLE_ZOE, 9, { "email", "Told Zoë a third prospect will call her this month. She is "
                              "gracious about it, but she needs a rest." } },
  { SAMPLE_NGOZI, 200, { "meeting", "Quarterly review at Okafor Logistics: fleet idle time down "
                                    "18%. Ngozi wants the same for the new depot." } },
  { SAMPLE_NGOZI, 30, { "email", "Sent Ngozi the server room proposal with a phased option, as "
                                 "she asked." } },
  { SAMPLE_LUKASZ, 560, { "call", "Łukasz is upset about the server room delays. Apologised and "
                                  "offered a month of support free." } },
  { SAMPLE_LUKASZ, 480, { "email", "Łukasz confirmed they are moving to another provider. "
                                   "Thanked him for three good years." } },
  { SAMPLE_LUKASZ, 220, { "social", "Congratulated Łukasz on the print house's 25th "
                                    "anniversary." } },
  { SAMPLE_LAYLA, 300, { "meeting", "Coffee with Layla. She knows every pharmacist in the county "
                                    "and offered to make introductions." } },
  { SAMPLE_LAYLA, 45, { "other", "Layla's reference letter arrived, signed, on the pharmacy's "
                                 "letterhead." } },
};
TABLE_LENGTH (story_lines);

const SampleStoryReferral sample_story_referrals[] = {
  { SAMPLE_ZOE, SAMPLE_JOSE, "proactive", 4, TRUE },
  { SAMPLE_LAYLA, SAMPLE_HANAKO, "unsolicited", 1, FALSE },
};
TABLE_LENGTH (story_referrals);

const SampleStoryTestimonial sample_story_testimonials[] = {
  { SAMPLE_ZOE, SAMPLE_WIFI, 140, "review_site", 5, "public_named", "professional;reliability",
    "Our renders finish overnight now instead of over the weekend. The install crew understood "
    "a design studio's network better than we did." },
  { SAMPLE_LAYLA, SAMPLE_VOIP, 80, "letter", 5, "public_named", "healthcare;support",
    "I have sent four pharmacies their way and every one has thanked me for it." },
  { SAMPLE_NGOZI, SAMPLE_FLEET, 250, "email", 5, "internal", "logistics;value",
    "Fleet idle time is down eighteen percent in a quarter. Please do not quote the number "
    "outside the company yet." },
};
TABLE_LENGTH (story_testimonials);
