// Internal to sample_roster.cc: the name pools and country facts the sample roster is drawn from.
// Fictional combinations of common names; real countries, dialling codes and languages.
#ifndef WPS_CLIENTS_SAMPLE_SAMPLE_ROSTER_DATA_H_
#define WPS_CLIENTS_SAMPLE_SAMPLE_ROSTER_DATA_H_

#include "absl/types/span.h"

namespace wps::sample::internal {

// ------------------------------------------------------------------------------------------------
// Name pools. Fictional combinations of common names of each culture; Latin script (transliterated
// where the names are written in another script), with the diacritics a coordinator would type.

struct NamePool {
  absl::Span<const char* const> given;
  absl::Span<const char* const> family;
};

inline constexpr const char* kScandinavianGiven[] = {
    "Ingrid", "Astrid",   "Sigrid",   "Kari",  "Solveig",  "Marit",    "Ragnhild",
    "Åse",    "Liv",      "Tone",     "Hege",  "Ingeborg", "Elin",     "Karin",
    "Annika", "Birgitta", "Linnéa",   "Märta", "Mette",    "Birgitte", "Signe",
    "Freja",  "Helle",    "Pernille", "Gro",   "Torunn",   "Bodil",    "Ylva"};
inline constexpr const char* kScandinavianFamily[] = {
    "Hansen",  "Johansen",    "Olsen",      "Larsen",      "Andersen",  "Pedersen",
    "Nilsen",  "Kristiansen", "Bjørnstad",  "Søndergaard", "Løvik",     "Haugland",
    "Åberg",   "Lindqvist",   "Sjöberg",    "Ekström",     "Nordström", "Bergström",
    "Holm",    "Dahl",        "Fjellstrøm", "Mørk",        "Strøm",     "Håkansson",
    "Lindahl", "Østergaard",  "Kjær",       "Rasmussen",   "Brekke",    "Sæther"};
inline constexpr const char* kFinnishGiven[] = {
    "Aino", "Anneli", "Eeva",  "Hanna", "Helmi", "Kaisa", "Liisa", "Marjatta", "Pirjo", "Riikka",
    "Satu", "Tuula",  "Elina", "Sanna", "Päivi", "Minna", "Outi",  "Johanna",  "Kirsi", "Sirpa"};
inline constexpr const char* kFinnishFamily[] = {
    "Virtanen", "Korhonen",  "Mäkinen",  "Nieminen", "Mäkelä",      "Hämäläinen",
    "Laine",    "Heikkinen", "Koskinen", "Järvinen", "Lehtonen",    "Saarinen",
    "Lindholm", "Salminen",  "Heinonen", "Rantanen", "Karjalainen", "Tuominen"};
inline constexpr const char* kIcelandicGiven[] = {
    "Guðrún",  "Sigríður",   "Kristín", "Margrét",  "Helga",    "Anna",
    "Jóhanna", "Ragnheiður", "Þórdís",  "Steinunn", "Ásdís",    "Hildur",
    "Vigdís",  "Katrín",     "Sólveig", "Bryndís",  "Halldóra", "Auður"};
inline constexpr const char* kIcelandicFamily[] = {
    "Sigurðardóttir", "Jónsdóttir",     "Guðmundsdóttir", "Gunnarsdóttir", "Ólafsdóttir",
    "Magnúsdóttir",   "Einarsdóttir",   "Stefánsdóttir",  "Þórsdóttir",    "Kristjánsdóttir",
    "Björnsdóttir",   "Halldórsdóttir", "Pálsdóttir",     "Árnadóttir",    "Eiríksdóttir"};
inline constexpr const char* kWestAfricaEnGiven[] = {
    "Adaeze", "Ngozi",   "Chiamaka", "Funmilayo", "Yetunde", "Folake",   "Abena",
    "Akosua", "Ama",     "Efua",     "Comfort",   "Grace",   "Blessing", "Zainab",
    "Halima", "Hadiza",  "Nkechi",   "Oluwaseun", "Adwoa",   "Esi",      "Mariama",
    "Hawa",   "Fatmata", "Kadiatu",  "Amina"};
inline constexpr const char* kWestAfricaEnFamily[] = {
    "Okonkwo", "Adeyemi", "Okafor",  "Eze",    "Nwosu",  "Bello",  "Abubakar", "Adebayo",
    "Olawale", "Mensah",  "Boateng", "Owusu",  "Asante", "Appiah", "Kamara",   "Sesay",
    "Conteh",  "Bangura", "Johnson", "Kollie", "Doe",    "Yusuf",  "Ibekwe",   "Oduya"};
inline constexpr const char* kWestAfricaFrGiven[] = {
    "Aminata", "Fatou",       "Aissatou", "Binta", "Kadiatou", "Oumou",    "Mariam",
    "Awa",     "Rokia",       "Assétou",  "Ndèye", "Coumba",   "Salimata", "Djeneba",
    "Aïcha",   "Ramatoulaye", "Safiatou", "Fanta", "Kadidia",  "Maïmouna"};
inline constexpr const char* kWestAfricaFrFamily[] = {
    "Diallo", "Traoré", "Keïta", "Coulibaly", "Sow",       "Ndiaye",   "Diop",   "Touré",
    "Camara", "Sylla",  "Cissé", "Konaté",    "Ouédraogo", "Sawadogo", "Kaboré", "Sanogo",
    "Diarra", "Fall",   "Ba",    "Mbaye",     "Koné",      "Bamba"};
inline constexpr const char* kEastAfricaGiven[] = {
    "Wanjiru", "Achieng", "Njeri",   "Wambui", "Akinyi", "Nyokabi",  "Amani",  "Zawadi",
    "Neema",   "Rehema",  "Mwajuma", "Aber",   "Nakato", "Namubiru", "Auma",   "Nafula",
    "Anyango", "Joyce",   "Mercy",   "Faith",  "Esther", "Halima",   "Wairimu"};
inline constexpr const char* kEastAfricaFamily[] = {
    "Kamau",   "Otieno",  "Odhiambo", "Mwangi",  "Wanjala", "Kiplagat", "Chebet", "Mutua",
    "Njoroge", "Nabwire", "Okello",   "Achola",  "Mugisha", "Nankya",   "Mushi",  "Massawe",
    "Kimaro",  "Mrema",   "Juma",     "Ochieng", "Wekesa",  "Kariuki"};
inline constexpr const char* kHornGiven[] = {
    "Tigist", "Meron", "Selam",     "Hiwot",  "Almaz", "Ifrah", "Hodan", "Faduma",
    "Sahra",  "Luul",  "Bethlehem", "Mekdes", "Yodit", "Hamdi", "Deeqa", "Ayaan"};
inline constexpr const char* kHornFamily[] = {
    "Tesfaye", "Bekele",  "Girma", "Haile", "Abdi",    "Warsame", "Mohamed",  "Gebremedhin",
    "Alemu",   "Tadesse", "Yusuf", "Farah", "Hussein", "Osman",   "Mengistu", "Wolde"};
inline constexpr const char* kCentralAfricaGiven[] = {
    "Chantal",      "Jeanne",    "Solange",   "Béatrice", "Claudine",  "Odette",
    "Marie-Claire", "Espérance", "Immaculée", "Clarisse", "Joséphine", "Pascaline",
    "Uwase",        "Ingabire",  "Mukamana",  "Gisèle",   "Francine",  "Nadège"};
inline constexpr const char* kCentralAfricaFamily[] = {
    "Mbuyi",     "Kabongo", "Ilunga", "Tshibanda", "Mukendi",     "Nzeyimana", "Ngono",
    "Mballa",    "Essomba", "Fotso",  "Uwimana",   "Mukeshimana", "Niyonzima", "Ndayishimiye",
    "Nyiramana", "Kalala",  "Mbala",  "Ngoy",      "Djimadoum",   "Yangongo"};
inline constexpr const char* kSouthernAfricaGiven[] = {
    "Thandiwe", "Nomvula", "Lindiwe",   "Zanele",   "Nokuthula", "Palesa", "Lerato",   "Refilwe",
    "Tendai",   "Rutendo", "Chipo",     "Ntombi",   "Naledi",    "Mpho",   "Busisiwe", "Tsitsi",
    "Graça",    "Luísa",   "Esperança", "Chilufya", "Mutinta",   "Tawonga"};
inline constexpr const char* kSouthernAfricaFamily[] = {
    "Dlamini", "Nkosi", "Ndlovu",   "Mokoena",   "Khumalo",   "Mthembu", "Moyo",      "Sibanda",
    "Banda",   "Phiri", "Mahlangu", "Chikwanha", "Mutasa",    "Cossa",   "Nhantumbo", "Mondlane",
    "Mwale",   "Tembo", "Mulenga",  "Shikongo",  "Nghidinwa", "Motsepe"};
inline constexpr const char* kMashriqGiven[] = {
    "Amal",  "Fatima", "Layla", "Nour",   "Rania", "Salma", "Huda",  "Mariam", "Samira", "Yasmin",
    "Dalia", "Hanan",  "Reem",  "Zeinab", "Aisha", "Lina",  "Rasha", "Souad",  "Ghada",  "Nadia",
    "Maha",  "Hind",   "Asma",  "Ruba",   "Suha",  "Noura", "Iman",  "Widad"};
inline constexpr const char* kMashriqFamily[] = {
    "Al-Hashimi", "Haddad",   "Khoury",     "Mansour",   "Nasser",  "Saleh",
    "Abdallah",   "El-Sayed", "Ibrahim",    "Hassan",    "Khalil",  "Darwish",
    "Barakat",    "Awad",     "Qasim",      "Al-Amin",   "Farouk",  "Shaheen",
    "Azzam",      "Hamdan",   "Al-Zahrani", "Al-Harthy", "Jaber",   "Toukan",
    "Al-Jaburi",  "Abu-Zayd", "Haidar",     "Karam",     "Sabbagh", "Al-Mahdi"};
inline constexpr const char* kMaghrebGiven[] = {
    "Khadija", "Fatima-Zahra", "Meriem",  "Amina",  "Houda",  "Samia", "Wafa",
    "Sihem",   "Imane",        "Rachida", "Karima", "Latifa", "Naima", "Hajar",
    "Salwa",   "Zohra",        "Nawal",   "Yamina", "Ouafa",  "Sonia"};
inline constexpr const char* kMaghrebFamily[] = {
    "Benali", "Chaouch", "El Amrani", "Benjelloun", "Belkacem", "Ben Salah", "Trabelsi",
    "Jaziri", "Mekki",   "Zerhouni",  "Bennani",    "Tazi",     "Ouali",     "Mansouri",
    "Gharbi", "Bouzid",  "Hamrouni",  "Saidi",      "Bensaid",  "Ould Ahmed"};
inline constexpr const char* kItalianGiven[] = {
    "Giulia", "Francesca",  "Chiara", "Valentina", "Elena",  "Silvia",    "Federica",
    "Paola",  "Alessandra", "Laura",  "Marta",     "Serena", "Donatella", "Beatrice"};
inline constexpr const char* kItalianFamily[] = {
    "Rossi",  "Russo", "Ferrari", "Esposito", "Bianchi", "Romano",  "Colombo", "Ricci",
    "Marino", "Greco", "Bruno",   "Gallo",    "Conti",   "De Luca", "Mancini", "Lombardi"};
inline constexpr const char* kSpanishGiven[] = {"Lucía",      "María", "Carmen",   "Paula", "Laura",
                                                "Marta",      "Elena", "Cristina", "Pilar", "Nuria",
                                                "Montserrat", "Inés",  "Rocío",    "Begoña"};
inline constexpr const char* kSpanishFamily[] = {
    "García",    "Fernández", "González", "Rodríguez", "López",   "Martínez",
    "Sánchez",   "Pérez",     "Gómez",    "Martín",    "Jiménez", "Ruiz",
    "Hernández", "Díaz",      "Moreno",   "Muñoz",     "Puig",    "Ferrer"};
inline constexpr const char* kFrenchGiven[] = {
    "Camille", "Claire", "Élise",   "Sophie",   "Isabelle",    "Nathalie",  "Hélène",
    "Céline",  "Amélie", "Margaux", "Juliette", "Anne-Sophie", "Françoise", "Véronique"};
inline constexpr const char* kFrenchFamily[] = {
    "Martin", "Bernard", "Dubois", "Thomas",  "Robert",  "Richard", "Petit",   "Durand",
    "Leroy",  "Moreau",  "Simon",  "Laurent", "Lefèvre", "Michel",  "Garnier", "Faure"};
inline constexpr const char* kGreekGiven[] = {
    "Eleni",  "Maria",    "Katerina", "Sofia",      "Georgia",   "Dimitra", "Anastasia",
    "Ioanna", "Vasiliki", "Despina",  "Chrysanthi", "Androulla", "Niki",    "Myrto"};
inline constexpr const char* kGreekFamily[] = {
    "Papadopoulou", "Georgiou",  "Nikolaou",  "Konstantinou", "Christodoulou",
    "Ioannou",      "Dimitriou", "Vasileiou", "Papadaki",     "Karamanli",
    "Charalambous", "Antoniou",  "Economou",  "Stylianou"};
inline constexpr const char* kMalteseGiven[] = {"Maria",      "Rita",      "Doris",  "Josette",
                                                "Marthese",   "Claudette", "Miriam", "Roberta",
                                                "Antoinette", "Rosianne",  "Carmen", "Ġorġa"};
inline constexpr const char* kMalteseFamily[] = {
    "Borg",  "Camilleri", "Vella",   "Farrugia", "Zammit",    "Galea",  "Micallef",
    "Grech", "Attard",    "Spiteri", "Caruana",  "Azzopardi", "Mifsud", "Debono"};
inline constexpr const char* kTurkishGiven[] = {
    "Ayşe", "Fatma", "Zeynep",  "Elif",  "Emine", "Hatice", "Meltem", "Gülşen",
    "Şule", "Özlem", "Nilüfer", "Sevgi", "Derya", "Esra",   "Deniz",  "Pınar"};
inline constexpr const char* kTurkishFamily[] = {
    "Yılmaz",  "Kaya",   "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın",
    "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin",  "Kara",   "Koç"};
inline constexpr const char* kHebrewGiven[] = {"Tamar", "Noa",   "Michal", "Yael",
                                               "Shira", "Ruth",  "Orly",   "Dafna",
                                               "Hila",  "Efrat", "Tali",   "Maya"};
inline constexpr const char* kHebrewFamily[] = {"Cohen",   "Levi",      "Mizrahi", "Peretz",
                                                "Biton",   "Friedman",  "Avraham", "Katz",
                                                "Shapiro", "Ben-David", "Azoulay", "Golan"};
inline constexpr const char* kBalkanGiven[] = {
    "Ana",  "Ivana", "Marija", "Jelena",  "Maja",   "Vesna", "Snježana", "Mirjana",
    "Amra", "Lejla", "Azra",   "Dragana", "Nataša", "Mojca", "Teuta",    "Blerta"};
inline constexpr const char* kBalkanFamily[] = {
    "Horvat", "Kovačević", "Babić",    "Marić",     "Jurić",    "Novak", "Kovač",  "Hodžić",
    "Begić",  "Delić",     "Petrović", "Jovanović", "Krasniqi", "Hoxha", "Kranjc", "Vuković"};
inline constexpr const char* kPortugueseGiven[] = {
    "Ana",   "Maria",  "Joana",  "Beatriz", "Inês",      "Mariana", "Catarina",
    "Sofia", "Teresa", "Helena", "Rita",    "Conceição", "Luzia",   "Filipa"};
inline constexpr const char* kPortugueseFamily[] = {
    "Silva",   "Santos", "Ferreira",  "Pereira",   "Oliveira", "Costa", "Rodrigues",
    "Martins", "Sousa",  "Fernandes", "Gonçalves", "Gomes",    "Lopes", "Neto"};
inline constexpr const char* kTimoreseGiven[] = {"Maria",   "Ermelinda", "Fernanda", "Rosa",
                                                 "Josefa",  "Isabel",    "Zulmira",  "Filomena",
                                                 "Bendita", "Ilda",      "Angélica", "Olandina"};
inline constexpr const char* kTimoreseFamily[] = {"da Costa", "Soares",  "Guterres",   "Ximenes",
                                                  "Belo",     "Pereira", "dos Santos", "Amaral",
                                                  "Martins",  "Araújo",  "Carvalho",   "Lopes"};
inline constexpr const char* kAngloGiven[] = {
    "Sarah", "Emma",    "Charlotte", "Catherine", "Rebecca", "Hannah",
    "Fiona", "Eleanor", "Siobhan",   "Rachel",    "Claire",  "Alison",
    "Megan", "Olivia",  "Harriet",   "Aroha",     "Jessica", "Louise"};
inline constexpr const char* kAngloFamily[] = {
    "Smith",    "Jones",  "Williams", "Taylor",   "Brown",   "Davies",    "Evans",
    "Wilson",   "Thomas", "Roberts",  "Campbell", "Stewart", "MacDonald", "O'Brien",
    "Tremblay", "Gagnon", "Walker",   "Thompson", "Ngata",   "Parata"};
inline constexpr const char* kCaribbeanGiven[] = {"Shanique", "Kerry-Ann", "Marcia", "Simone",
                                                  "Tamara",   "Nadine",    "Keisha", "Andrea",
                                                  "Portia",   "Camille",   "Sharon", "Yolande"};
inline constexpr const char* kCaribbeanFamily[] = {"Campbell", "Brown",   "Williams", "Thompson",
                                                   "Clarke",   "Morgan",  "Grant",    "Reid",
                                                   "Baptiste", "Ramdial", "Mohammed", "Ali"};
inline constexpr const char* kIndianGiven[] = {"Priya",   "Anjali",  "Meera", "Kavita",  "Sunita",
                                               "Lakshmi", "Radhika", "Deepa", "Nandini", "Shreya",
                                               "Aparna",  "Divya",   "Pooja", "Rekha",   "Shalini",
                                               "Asha",    "Geeta",   "Swati", "Ritu",    "Manisha"};
inline constexpr const char* kIndianFamily[] = {
    "Sharma", "Patel", "Iyer",      "Nair",  "Reddy", "Chatterjee", "Banerjee",
    "Gupta",  "Mehta", "Singh",     "Kaur",  "Menon", "Pillai",     "Rao",
    "Desai",  "Joshi", "Mukherjee", "Verma", "Bhat",  "Das"};
inline constexpr const char* kPakistaniGiven[] = {
    "Ayesha", "Fatima", "Sana",   "Farah", "Nazia",  "Hina", "Rukhsana", "Sadia",
    "Maryam", "Amna",   "Zainab", "Saima", "Bushra", "Uzma", "Nighat"};
inline constexpr const char* kPakistaniFamily[] = {
    "Khan",   "Qureshi", "Siddiqui", "Malik",   "Chaudhry", "Butt", "Sheikh", "Awan",
    "Baloch", "Abbasi",  "Mirza",    "Hussain", "Raza",     "Shah", "Jamil"};
inline constexpr const char* kBangladeshiGiven[] = {"Nusrat",  "Tahmina", "Shirin", "Rumana",
                                                    "Farzana", "Sharmin", "Nasrin", "Taslima",
                                                    "Sabina",  "Rokeya",  "Ishrat", "Mahmuda"};
inline constexpr const char* kBangladeshiFamily[] = {"Rahman",  "Hossain",   "Begum", "Akter",
                                                     "Islam",   "Chowdhury", "Ahmed", "Khatun",
                                                     "Sultana", "Haque",     "Uddin", "Sarkar"};
inline constexpr const char* kSriLankanGiven[] = {"Chamari", "Nirmala", "Dilani",   "Tharushi",
                                                  "Kumari",  "Sanduni", "Nadeesha", "Shanthi",
                                                  "Kalpana", "Thilini", "Priyanka", "Vasuki"};
inline constexpr const char* kSriLankanFamily[] = {
    "Perera",      "Fernando",  "Jayasinghe",  "Wickramasinghe", "Silva",  "Dissanayake", "Bandara",
    "Gunawardena", "Sivakumar", "Thurairajah", "Selvarajah",     "Herath", "Kumarasinghe"};
inline constexpr const char* kMalayGiven[] = {
    "Nurul",  "Siti",   "Aishah", "Farah",      "Noraini", "Zarina",  "Haslina",
    "Rosnah", "Suraya", "Azizah", "Nor Hayati", "Salmah",  "Faridah", "Halimah"};
inline constexpr const char* kMalayFamily[] = {"Abdullah", "Ibrahim", "Ismail",    "Hamid",
                                               "Rahman",   "Yusof",   "Osman",     "Ahmad",
                                               "Hassan",   "Zakaria", "Mohd Noor", "Razak"};
inline constexpr const char* kIndonesianGiven[] = {
    "Siti",  "Dewi", "Sri",     "Ratna",   "Wulan",   "Intan", "Putri", "Ayu",
    "Nurul", "Rina", "Yuliana", "Kartika", "Lestari", "Indah", "Fitri", "Endang"};
inline constexpr const char* kIndonesianFamily[] = {
    "Wijaya",       "Santoso", "Hidayat", "Kusuma",   "Saputri", "Rahmawati",
    "Susanti",      "Pratiwi", "Halim",   "Nasution", "Siregar", "Simanjuntak",
    "Sulistyowati", "Hartono", "Wibowo",  "Setiawati"};
inline constexpr const char* kFilipinoGiven[] = {
    "Maria",   "Corazon",  "Teresita", "Rosario", "Miriam",   "Luzviminda",
    "Ligaya",  "Catalina", "Gloria",   "Amihan",  "Josefina", "Perla",
    "Marites", "Jocelyn",  "Cristina", "Norhata", "Samira",   "Jasmin"};
inline constexpr const char* kFilipinoFamily[] = {
    "Santos",  "Reyes",     "Cruz",        "Bautista", "Ocampo", "Garcia",
    "Mendoza", "Dela Cruz", "Villanueva",  "Aquino",   "Ramos",  "Tan",
    "Lim",     "Macaraeg",  "Abdulrahman", "Mamalo",   "Kalim",  "Pangandaman"};
inline constexpr const char* kThaiGiven[] = {"Siriporn", "Ploy",    "Nattaya", "Kanokwan", "Wanida",
                                             "Pornthip", "Suda",    "Malee",   "Arunee",   "Ratana",
                                             "Sunisa",   "Chanida", "Jintana", "Anchalee"};
inline constexpr const char* kThaiFamily[] = {
    "Srisuk",      "Chaiyaporn", "Wongsawat", "Rattanakorn", "Sukhum",  "Thongchai", "Boonmee",
    "Jantarasorn", "Phromphan",  "Sangthong", "Kaewmanee",   "Somboon", "Saetang",   "Intharat"};
inline constexpr const char* kKhmerGiven[] = {"Sokha",    "Sophea", "Chanthou", "Bopha",
                                              "Srey Mom", "Theary", "Dara",     "Sreymao",
                                              "Chenda",   "Kanha",  "Sophal",   "Vanna"};
inline constexpr const char* kKhmerFamily[] = {"Chan", "Sok",  "Heng", "Keo",  "Lim",  "Ly",
                                               "Meas", "Noun", "Pich", "Prak", "Chea", "Touch"};
inline constexpr const char* kBurmeseGiven[] = {"Aye",   "Thandar", "Khin", "May",  "Su",  "Hnin",
                                                "Nilar", "Thida",   "Ei",   "Nang", "Naw", "Moe"};
inline constexpr const char* kBurmeseFamily[] = {"Aung", "Kyaw",   "Win",  "Htun",  "Myint",
                                                 "Oo",   "Thein",  "Zaw",  "Lwin",  "Nwe",
                                                 "Mya",  "Hlaing", "Phyu", "Khaing"};
inline constexpr const char* kVietnameseGiven[] = {"Lan",  "Mai",  "Hoa",   "Hương", "Thủy",
                                                   "Linh", "Ngọc", "Trang", "Hạnh",  "Phương",
                                                   "Thảo", "Hằng", "Yến",   "Nhung"};
inline constexpr const char* kVietnameseFamily[] = {"Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng",
                                                    "Huỳnh",  "Phan", "Vũ",  "Đặng", "Bùi",
                                                    "Đỗ",     "Hồ",   "Ngô", "Dương"};
inline constexpr const char* kLaoGiven[] = {"Bounmy", "Chanthala",   "Khamla",     "Malaythong",
                                            "Noy",    "Phonesavanh", "Souksavanh", "Vilayvanh",
                                            "Keo",    "Dalaphone"};
inline constexpr const char* kLaoFamily[] = {"Phommachanh", "Sisavath",   "Vongsa",   "Keomany",
                                             "Sengdara",    "Inthavong",  "Xayavong", "Douangmala",
                                             "Phimmasone",  "Chanthavong"};
inline constexpr const char* kSingaporeanGiven[] = {"Mei Ling", "Hui Min",   "Li Ting", "Siew Lan",
                                                    "Jia Hui",  "Wei Ling",  "Shu Fen", "Kavitha",
                                                    "Revathi",  "Nur Aisyah"};
inline constexpr const char* kSingaporeanFamily[] = {
    "Tan", "Lim", "Lee", "Ng", "Ong", "Wong", "Goh", "Chua", "Koh", "Teo", "Rajaratnam", "Pillai"};

enum Culture {
  kScandinavian,
  kFinnish,
  kIcelandic,
  kWestAfricaEn,
  kWestAfricaFr,
  kEastAfrica,
  kHorn,
  kCentralAfrica,
  kSouthernAfrica,
  kMashriq,
  kMaghreb,
  kItalian,
  kSpanish,
  kFrench,
  kGreek,
  kMaltese,
  kTurkish,
  kHebrew,
  kBalkan,
  kPortuguese,
  kTimorese,
  kAnglo,
  kCaribbean,
  kIndian,
  kPakistani,
  kBangladeshi,
  kSriLankan,
  kMalay,
  kIndonesian,
  kFilipino,
  kThai,
  kKhmer,
  kBurmese,
  kVietnamese,
  kLao,
  kSingaporean,
  kCultureCount
};

#define WPS_POOL(prefix) \
  NamePool { k##prefix##Given, k##prefix##Family }
inline constexpr NamePool kPools[kCultureCount] = {
    WPS_POOL(Scandinavian),   WPS_POOL(Finnish),     WPS_POOL(Icelandic), WPS_POOL(WestAfricaEn),
    WPS_POOL(WestAfricaFr),   WPS_POOL(EastAfrica),  WPS_POOL(Horn),      WPS_POOL(CentralAfrica),
    WPS_POOL(SouthernAfrica), WPS_POOL(Mashriq),     WPS_POOL(Maghreb),   WPS_POOL(Italian),
    WPS_POOL(Spanish),        WPS_POOL(French),      WPS_POOL(Greek),     WPS_POOL(Maltese),
    WPS_POOL(Turkish),        WPS_POOL(Hebrew),      WPS_POOL(Balkan),    WPS_POOL(Portuguese),
    WPS_POOL(Timorese),       WPS_POOL(Anglo),       WPS_POOL(Caribbean), WPS_POOL(Indian),
    WPS_POOL(Pakistani),      WPS_POOL(Bangladeshi), WPS_POOL(SriLankan), WPS_POOL(Malay),
    WPS_POOL(Indonesian),     WPS_POOL(Filipino),    WPS_POOL(Thai),      WPS_POOL(Khmer),
    WPS_POOL(Burmese),        WPS_POOL(Vietnamese),  WPS_POOL(Lao),       WPS_POOL(Singaporean)};
#undef WPS_POOL

// ------------------------------------------------------------------------------------------------
// Countries. `mother` lists the first languages one of which she speaks natively; `official` the
// other languages of public life there (NATIVE or C2); `foreign` the languages commonly learnt (B1
// to C2).

struct Country {
  const char* code;
  const char* name;
  const char* dial;
  const char* mother;
  const char* official;
  const char* foreign;
  Culture culture;
};

inline constexpr Country kCountries[] = {
    {"NO", "Norway", "+47", "no", "", "en", kScandinavian},
    {"SE", "Sweden", "+46", "sv", "", "en,de", kScandinavian},
    {"DK", "Denmark", "+45", "da", "", "en,de", kScandinavian},
    {"FI", "Finland", "+358", "fi", "sv", "en", kFinnish},
    {"IS", "Iceland", "+354", "is", "", "en,da", kIcelandic},
    {"NG", "Nigeria", "+234", "ha,yo,ig", "en", "fr", kWestAfricaEn},
    {"GH", "Ghana", "+233", "ak,ee", "en", "fr", kWestAfricaEn},
    {"LR", "Liberia", "+231", "en", "", "fr", kWestAfricaEn},
    {"SL", "Sierra Leone", "+232", "en", "", "fr", kWestAfricaEn},
    {"SN", "Senegal", "+221", "wo", "fr", "en,ar", kWestAfricaFr},
    {"ML", "Mali", "+223", "bm", "fr", "en,ar", kWestAfricaFr},
    {"NE", "Niger", "+227", "ha", "fr", "en,ar", kWestAfricaFr},
    {"BF", "Burkina Faso", "+226", "fr", "", "en", kWestAfricaFr},
    {"GN", "Guinea", "+224", "ff", "fr", "en", kWestAfricaFr},
    {"CI", "Côte d’Ivoire", "+225", "fr", "", "en", kWestAfricaFr},
    {"KE", "Kenya", "+254", "sw", "en", "fr", kEastAfrica},
    {"UG", "Uganda", "+256", "lg", "en", "sw,fr", kEastAfrica},
    {"TZ", "Tanzania", "+255", "sw", "en", "fr", kEastAfrica},
    {"RW", "Rwanda", "+250", "rw", "fr,en", "sw", kCentralAfrica},
    {"BI", "Burundi", "+257", "rn", "fr", "en,sw", kCentralAfrica},
    {"CD", "the Democratic Republic of the Congo", "+243", "ln,sw", "fr", "en", kCentralAfrica},
    {"CM", "Cameroon", "+237", "fr,en", "", "fr,en", kCentralAfrica},
    {"CF", "the Central African Republic", "+236", "sg", "fr", "en", kCentralAfrica},
    {"TD", "Chad", "+235", "ar,fr", "", "fr,ar,en", kCentralAfrica},
    {"ET", "Ethiopia", "+251", "am,om,ti", "", "en,ar", kHorn},
    {"SO", "Somalia", "+252", "so", "ar", "en,it", kHorn},
    {"SD", "Sudan", "+249", "ar", "", "en,fr", kMashriq},
    {"SS", "South Sudan", "+211", "ar", "en", "sw", kEastAfrica},
    {"ZA", "South Africa", "+27", "zu,xh,af,st,tn", "en", "fr,pt", kSouthernAfrica},
    {"ZW", "Zimbabwe", "+263", "sn,nd", "en", "fr", kSouthernAfrica},
    {"MZ", "Mozambique", "+258", "pt", "", "en", kSouthernAfrica},
    {"AO", "Angola", "+244", "pt", "", "en,fr", kPortuguese},
    {"ZM", "Zambia", "+260", "ny", "en", "fr", kSouthernAfrica},
    {"MW", "Malawi", "+265", "ny", "en", "fr", kSouthernAfrica},
    {"NA", "Namibia", "+264", "af", "en", "de", kSouthernAfrica},
    {"BW", "Botswana", "+267", "tn", "en", "fr", kSouthernAfrica},
    {"EG", "Egypt", "+20", "ar", "", "en,fr", kMashriq},
    {"TN", "Tunisia", "+216", "ar", "fr", "en,it", kMaghreb},
    {"LY", "Libya", "+218", "ar", "", "en,it", kMaghreb},
    {"DZ", "Algeria", "+213", "ar", "fr", "en", kMaghreb},
    {"MA", "Morocco", "+212", "ar", "fr", "en,es", kMaghreb},
    {"MR", "Mauritania", "+222", "ar", "fr", "en", kMaghreb},
    {"IT", "Italy", "+39", "it", "", "en,fr,es", kItalian},
    {"ES", "Spain", "+34", "es,ca", "es", "en,fr", kSpanish},
    {"FR", "France", "+33", "fr", "", "en,es,ar", kFrench},
    {"GR", "Greece", "+30", "el", "", "en,fr", kGreek},
    {"CY", "Cyprus", "+357", "el", "en", "fr,tr", kGreek},
    {"MT", "Malta", "+356", "mt", "en", "it", kMaltese},
    {"TR", "Türkiye", "+90", "tr", "", "en,de,ar", kTurkish},
    {"IL", "Israel", "+972", "he", "en", "ar,ru,fr", kHebrew},
    {"LB", "Lebanon", "+961", "ar", "fr", "en", kMashriq},
    {"PS", "Palestine", "+970", "ar", "", "en", kMashriq},
    {"HR", "Croatia", "+385", "hr", "", "en,de", kBalkan},
    {"PT", "Portugal", "+351", "pt", "", "en,fr,es", kPortuguese},
    {"AL", "Albania", "+355", "sq", "", "en,it", kBalkan},
    {"SI", "Slovenia", "+386", "sl", "", "en,de", kBalkan},
    {"BA", "Bosnia and Herzegovina", "+387", "bs", "", "en,de", kBalkan},
    {"ME", "Montenegro", "+382", "sr", "", "en", kBalkan},
    {"GB", "the United Kingdom", "+44", "en", "", "fr,es", kAnglo},
    {"CA", "Canada", "+1", "en,fr", "", "fr,en,es", kAnglo},
    {"AU", "Australia", "+61", "en", "", "fr", kAnglo},
    {"NZ", "New Zealand", "+64", "en", "", "mi,fr", kAnglo},
    {"IN", "India", "+91", "hi,bn,ta,te,mr", "en", "", kIndian},
    {"PK", "Pakistan", "+92", "ur,pa", "en", "ar", kPakistani},
    {"BD", "Bangladesh", "+880", "bn", "en", "", kBangladeshi},
    {"LK", "Sri Lanka", "+94", "si,ta", "en", "", kSriLankan},
    {"MY", "Malaysia", "+60", "ms", "en", "zh,ta", kMalay},
    {"SG", "Singapore", "+65", "en", "zh,ms", "ta", kSingaporean},
    {"JM", "Jamaica", "+1", "en", "", "es", kCaribbean},
    {"TT", "Trinidad and Tobago", "+1", "en", "", "es", kCaribbean},
    {"JO", "Jordan", "+962", "ar", "", "en,fr", kMashriq},
    {"SY", "Syria", "+963", "ar", "", "en,fr", kMashriq},
    {"IQ", "Iraq", "+964", "ar,ku", "", "en", kMashriq},
    {"YE", "Yemen", "+967", "ar", "", "en", kMashriq},
    {"SA", "Saudi Arabia", "+966", "ar", "", "en", kMashriq},
    {"OM", "Oman", "+968", "ar", "", "en", kMashriq},
    {"KW", "Kuwait", "+965", "ar", "", "en", kMashriq},
    {"QA", "Qatar", "+974", "ar", "", "en", kMashriq},
    {"BH", "Bahrain", "+973", "ar", "", "en", kMashriq},
    {"AE", "the United Arab Emirates", "+971", "ar", "", "en", kMashriq},
    {"ID", "Indonesia", "+62", "id,jv", "id", "en,ar", kIndonesian},
    // ICU 72 lists no "tl" (Tagalog) among ISO 639-1 codes, so Philippine mediators get English.
    {"PH", "the Philippines", "+63", "en", "", "es", kFilipino},
    {"TH", "Thailand", "+66", "th", "", "en", kThai},
    {"KH", "Cambodia", "+855", "km", "", "en,fr", kKhmer},
    {"MM", "Myanmar", "+95", "my", "", "en", kBurmese},
    {"TL", "Timor-Leste", "+670", "pt", "id", "en", kTimorese},
    {"VN", "Vietnam", "+84", "vi", "", "en,fr", kVietnamese},
    {"LA", "Laos", "+856", "lo", "", "fr,en,th", kLao},
    {"BN", "Brunei", "+673", "ms", "en", "", kMalay},
};

// Countries where the networks work without having a chapter there.
inline constexpr const char* kOtherCountryNames[][2] = {
    {"AF", "Afghanistan"}, {"CO", "Colombia"}, {"UA", "Ukraine"}};

}  // namespace wps::sample::internal

#endif  // WPS_CLIENTS_SAMPLE_SAMPLE_ROSTER_DATA_H_
